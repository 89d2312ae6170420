package dev.subinterp.channel;

import java.time.Duration;
import java.util.concurrent.locks.Condition;

/** When a blocking operation gives up: never, or at a point in {@link System#nanoTime()} time. */
final class Deadline {
    static final Deadline NEVER = new Deadline(Long.MAX_VALUE, true);

    private final long at;
    private final boolean never;

    private Deadline(long at, boolean never) {
        this.at = at;
        this.never = never;
    }

    static Deadline after(Duration timeout) {
        return timeout == null ? NEVER : new Deadline(System.nanoTime() + timeout.toNanos(), false);
    }

    /**
     * Waits on {@code condition} (whose lock the caller holds) until signalled or the deadline; false,
     * without waiting, once the deadline has passed. Signals are real wake-ups: nothing polls.
     */
    boolean await(Condition condition) throws InterruptedException {
        if (never) {
            condition.await();
            return true;
        }
        long left = at - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        condition.awaitNanos(left);
        return true;
    }

    static String describe(Duration timeout) {
        return timeout.toMillis() + " ms";
    }
}
