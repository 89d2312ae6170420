package dev.subinterp.internal.concurrent;

import java.util.function.BooleanSupplier;

/**
 * A short busy wait before a thread parks. Handing a message or a call to a parked thread costs a
 * wake-up that takes tens of microseconds here (the OS schedules the thread back in), more than the
 * work of a small message; a receiver that is still spinning sees the hand-off at once. The spin is
 * bounded, so a waiter that gets nothing soon parks as before and costs no CPU while it waits.
 */
public final class BriefSpin {
    /** How long a waiter spins before it parks: about one small-message round trip. */
    public static final long SPIN_NANOS = 50_000;

    private BriefSpin() {
    }

    /**
     * Spins until {@code ready} says true or the spin time is over.
     *
     * @return whether {@code ready} became true; false also when the thread was interrupted (its
     *         interrupt is kept for the blocking wait that follows)
     */
    public static boolean until(BooleanSupplier ready) {
        if (ready.getAsBoolean()) return true;
        if (Runtime.getRuntime().availableProcessors() < 2) return false;   // the producer needs the only core
        long end = System.nanoTime() + SPIN_NANOS;
        do {
            Thread.onSpinWait();
            if (ready.getAsBoolean()) return true;
        } while (System.nanoTime() - end < 0 && !Thread.currentThread().isInterrupted());
        return false;
    }
}
