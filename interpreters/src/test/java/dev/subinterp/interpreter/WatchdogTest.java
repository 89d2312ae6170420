package dev.subinterp.interpreter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time limit is enforced by a watchdog: Context.interrupt, then cancel if the guest ignores it. */
class WatchdogTest {
    private static final Duration LIMIT = Duration.ofSeconds(1);
    private final Interpreters runtime = SharedRuntime.get();

    private static String runaway(Language language) {
        return language == Language.PYTHON ? "while True: pass" : "for (;;) {}";
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aRunawayLoopIsStoppedWithinTheLimitPlusOneSecondAndTheInterpreterRunsAgain(Language language) {
        try (Interpreter interp = runtime.newInterpreter(language).timeLimit(LIMIT).create()) {
            long started = System.nanoTime();
            assertThrows(TimeLimitExceeded.class, () -> interp.exec(runaway(language)));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(LIMIT.plusSeconds(1)) < 0, "stopped after " + took.toMillis() + " ms");
            System.out.println(language.id() + " runaway stopped after " + took.toMillis() + " ms (limit " + LIMIT.toMillis() + " ms)");
            interp.exec(language == Language.PYTHON ? "after = 42" : "var after = 42;");
            assertEquals(42, interp.getMainAttr("after").asInt());
        }
    }

    @Test
    void twentyRunawayScriptsInParallelInterpretersAreAllStoppedAndLeaveNoThreadBehind() throws Exception {
        java.util.Set<Thread> threadsBefore = InterpreterThreads.alive();
        List<Interpreter> interpreters = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                interpreters.add(runtime.newInterpreter(i % 2 == 0 ? Language.JS : Language.PYTHON).timeLimit(LIMIT).create());
            }
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (Interpreter interp : interpreters) {
                runs.add(CompletableFuture.runAsync(() -> interp.exec(runaway(interp.language())), Thread::startVirtualThread));
            }
            for (CompletableFuture<Void> run : runs) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
                assertInstanceOf(TimeLimitExceeded.class, e.getCause());
            }
        } finally {
            interpreters.forEach(Interpreter::close);
        }
        java.util.Set<Thread> notWaitedFor = new java.util.HashSet<>(threadsBefore);
        notWaitedFor.addAll(InterpreterThreads.alive().stream().filter(t -> t.getName().startsWith("interpreter-spare-")).toList());
        assertEquals(java.util.Set.of(), InterpreterThreads.withoutSpares(InterpreterThreads.stillAliveAfter(notWaitedFor, Duration.ofSeconds(10))),
                "threads named interpreter-* left behind (the runtime, still open, may keep a spare)");
    }

    @Test
    void twentyGuestsBlockedInAFullQueuesPutAreAllStoppedAtTheirTimeLimit() throws Exception {
        // The guest's thread is parked in Java here, where GraalVM's interrupt cannot reach: the watchdog
        // must wake it, and a wake-up lost in a race must not leave it parked for good.
        List<Interpreter> interpreters = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Interpreter interp = runtime.newInterpreter(i % 2 == 0 ? Language.JS : Language.PYTHON).timeLimit(LIMIT).create();
                interp.prepareMain(java.util.Map.of("queue", runtime.createQueue(1)));
                interpreters.add(interp);
            }
            for (int round = 0; round < 3; round++) {
                List<CompletableFuture<Void>> runs = new ArrayList<>();
                for (Interpreter interp : interpreters) {
                    String flood = interp.language() == Language.PYTHON ? "while True:\n    queue.put(1)" : "for (;;) queue.put(1);";
                    runs.add(CompletableFuture.runAsync(() -> interp.exec(flood), Thread::startVirtualThread));
                }
                for (CompletableFuture<Void> run : runs) {
                    ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS),
                            "a guest blocked in put was not stopped");
                    assertInstanceOf(TimeLimitExceeded.class, e.getCause());
                }
            }
        } finally {
            interpreters.forEach(Interpreter::close);
        }
    }
}
