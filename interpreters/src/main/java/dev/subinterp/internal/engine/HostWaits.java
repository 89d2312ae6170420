package dev.subinterp.internal.engine;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The guest threads of one interpreter that are blocked in the host (a queue {@code get}, a channel
 * {@code recv}), so that a time limit or {@code close()} can wake them: GraalVM's interrupt only
 * reaches guest code, not a thread parked in Java.
 */
public final class HostWaits {
    /** A blocking host operation. */
    @FunctionalInterface
    public interface Blocking<T> {
        T run() throws InterruptedException;
    }

    private final Set<Thread> waiting = new HashSet<>();   // guarded by this
    private boolean refusing;                               // guarded by this
    private boolean rewakeScheduled;                        // guarded by this
    private final ScheduledExecutorService timer;

    /** @param timer runs the repeated wake-ups of {@link #wakeAll()} (the runtime's watchdog) */
    public HostWaits(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Runs {@code blocking} on the calling guest thread so that {@link #wakeAll()} can interrupt it.
     *
     * @throws InterruptedException woken by {@link #wakeAll()}, or refused because it already ran for this call
     */
    public <T> T await(Blocking<T> blocking) throws InterruptedException {
        Thread self = Thread.currentThread();
        synchronized (this) {
            if (refusing) {
                throw new InterruptedException("the interpreter is stopping");
            }
            waiting.add(self);
        }
        try {
            return blocking.run();
        } finally {
            synchronized (this) {
                waiting.remove(self);
                Thread.interrupted();   // a wake-up that came as the wait ended must not leak into the guest
            }
        }
    }

    /**
     * Wakes every blocked thread and refuses new waits until {@link #reset()}. A wake-up can be lost
     * (the attack corpus once left a guest parked in a full queue's put for minutes after its time
     * limit woke it), so threads still waiting are woken again every second until they leave.
     */
    public synchronized void wakeAll() {
        refusing = true;
        waiting.forEach(Thread::interrupt);
        if (!waiting.isEmpty() && !rewakeScheduled) {
            try {
                timer.schedule(this::wakeAgain, 1, TimeUnit.SECONDS);
                rewakeScheduled = true;
            } catch (RejectedExecutionException runtimeClosed) {
                // The runtime's close() wakes and ends every call itself.
            }
        }
    }

    private synchronized void wakeAgain() {
        rewakeScheduled = false;
        if (refusing) {
            wakeAll();
        }
    }

    /** Accepts waits again: a new call begins. */
    public synchronized void reset() {
        refusing = false;
    }
}
