package dev.subinterp.interpreter;

import java.time.Duration;

/** Counts the live threads of interpreters (named {@code interpreter-...}), for tests that check none is left behind. */
public final class InterpreterThreads {
    private InterpreterThreads() {
    }

    public static long count() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("interpreter-") && t.isAlive()).count();
    }

    /** Waits up to {@code patience} for the count to fall to {@code expected}; returns the count then. */
    public static long settleTo(long expected, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (count() > expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return count();
    }
}
