package dev.subinterp.interpreter;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live threads of interpreters (named {@code interpreter-...}), for tests that check none is left
 * behind. A test compares against a snapshot taken before it starts, so that it looks only at threads it
 * started: an earlier test's thread that is still ending must neither fail nor hide anything.
 */
public final class InterpreterThreads {
    private InterpreterThreads() {
    }

    /** The interpreter threads alive now. */
    public static Set<Thread> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("interpreter-") && t.isAlive())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The interpreter threads alive now that were not alive at {@code before}. */
    public static Set<Thread> startedSince(Set<Thread> before) {
        return alive().stream().filter(t -> !before.contains(t)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * {@code threads} without the runtime's spare interpreters ({@link Interpreters#spares(int)}): for a
     * test that closes interpreters of a runtime that stays open, whose spare is the runtime's to end.
     */
    public static Set<Thread> withoutSpares(Set<Thread> threads) {
        return threads.stream().filter(t -> !t.getName().startsWith("interpreter-spare-")).collect(Collectors.toUnmodifiableSet());
    }

    /** Waits up to {@code patience} for the threads started since {@code before} to end; returns those still alive. */
    public static Set<Thread> stillAliveAfter(Set<Thread> before, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (Thread thread : startedSince(before)) {
            long left = deadline - System.nanoTime();
            if (left > 0) thread.join(Duration.ofNanos(left));
        }
        return startedSince(before);
    }
}
