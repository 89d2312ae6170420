package dev.subinterp.interpreter;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live threads of interpreters (named {@code interpreter-...}), for tests that check none is left
 * behind. A test compares against a snapshot taken before it starts, so that it looks only at threads it
 * started: an earlier test's thread that is still ending must neither fail nor hide anything. Nor must a
 * spare that another, still open runtime (the shared one, a test class's own) makes in the background
 * while the test runs: a spare waiting to be taken is named {@code interpreter-spare-LANG}, and a runtime
 * that closes renames its spares {@code interpreter-spare-LANG-closing}, so a spare that outlives its
 * runtime's close() is still counted.
 */
public final class InterpreterThreads {
    private static final String WAITING_SPARE = "interpreter-spare-";

    private InterpreterThreads() {
    }

    /** The interpreter threads alive now. */
    public static Set<Thread> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("interpreter-") && t.isAlive())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The interpreter threads alive now that were not alive at {@code before}, but for spares waiting in open runtimes. */
    public static Set<Thread> startedSince(Set<Thread> before) {
        return alive().stream().filter(t -> !before.contains(t) && !isWaitingSpare(t)).collect(Collectors.toUnmodifiableSet());
    }

    /** The spares of {@code language} waiting to be taken, in any open runtime, whose threads were not alive at {@code before}. */
    public static Set<Thread> waitingSparesSince(Set<Thread> before, Language language) {
        return alive().stream().filter(t -> !before.contains(t) && t.getName().equals(WAITING_SPARE + language.id()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether {@code thread} is a spare waiting to be taken in a runtime that is still open. */
    public static boolean isWaitingSpare(Thread thread) {
        return java.util.Arrays.stream(Language.values()).anyMatch(language -> thread.getName().equals(WAITING_SPARE + language.id()));
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
