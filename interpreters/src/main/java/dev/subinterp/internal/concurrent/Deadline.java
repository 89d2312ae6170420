package dev.subinterp.internal.concurrent;

import java.time.Duration;
import java.util.concurrent.locks.Condition;

/** When a blocking operation gives up: never, or at a point in {@link System#nanoTime()} time. */
public final class Deadline {
    public static final Deadline NEVER = new Deadline(Long.MAX_VALUE, true);

    private final long at;
    private final boolean never;

    private Deadline(long at, boolean never) {
        this.at = at;
        this.never = never;
    }

    public static Deadline after(Duration timeout) {
        return timeout == null ? NEVER : new Deadline(System.nanoTime() + timeout.toNanos(), false);
    }

    /**
     * Waits on {@code condition} (whose lock the caller holds) until signalled or the deadline; false,
     * without waiting, once the deadline has passed. Signals are real wake-ups: nothing polls.
     */
    public boolean await(Condition condition) throws InterruptedException {
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

    public static String describe(Duration timeout) {
        return timeout.toMillis() + " ms";
    }
}
