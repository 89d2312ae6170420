package dev.subinterp.interpreter;

import java.util.HashSet;
import java.util.Set;

/**
 * The guest threads of one interpreter that are blocked in the host (a queue {@code get}, a channel
 * {@code recv}), so that a time limit or {@code close()} can wake them: GraalVM's interrupt only
 * reaches guest code, not a thread parked in Java.
 */
final class HostWaits {
    /** A blocking host operation. */
    @FunctionalInterface
    interface Blocking<T> {
        T run() throws InterruptedException;
    }

    private final Set<Thread> waiting = new HashSet<>();   // guarded by this
    private boolean refusing;                               // guarded by this

    /**
     * Runs {@code blocking} on the calling guest thread so that {@link #wakeAll()} can interrupt it.
     *
     * @throws InterruptedException woken by {@link #wakeAll()}, or refused because it already ran for this call
     */
    <T> T await(Blocking<T> blocking) throws InterruptedException {
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

    /** Wakes every blocked thread and refuses new waits until {@link #reset()}. */
    synchronized void wakeAll() {
        refusing = true;
        waiting.forEach(Thread::interrupt);
    }

    /** Accepts waits again: a new call begins. */
    synchronized void reset() {
        refusing = false;
    }
}
