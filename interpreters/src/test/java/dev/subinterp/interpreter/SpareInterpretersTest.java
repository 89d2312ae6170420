package dev.subinterp.interpreter;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A runtime that closes an interpreter and creates another of the same language has the next one made
 * ahead of demand, on an idle core; {@code create()} takes it. Taken, it is a new interpreter like any
 * other: the next id, no state, its own streams and time limit, and no thread left once the runtime closes.
 */
class SpareInterpretersTest {
    private static final String REPORT = "import sys, interpreters\n"
            + "print(interpreters.get_current().id, sorted(globals()), sorted(sys.modules))\n";

    @Test
    void theNextPythonInterpreterIsReadyAheadAndIsLikeANewOne() throws Exception {
        Set<Thread> before = InterpreterThreads.alive();
        String freshReport;
        try (Interpreters withoutSpares = new Interpreters().spares(0)) {
            withoutSpares.newInterpreter(Language.PYTHON).create().close();
            freshReport = run(withoutSpares, REPORT);
            assertEquals(0, withoutSpares.readySpares(Language.PYTHON));
        }
        try (Interpreters runtime = new Interpreters()) {
            Set<Thread> spares = awaitSpare(runtime, Language.PYTHON, before);
            int nextId = runtime.newInterpreter(Language.JS).create().id() + 1;   // ids are given at create(), spares have none

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Interpreter python = runtime.newInterpreter(Language.PYTHON).stdout(out).timeLimit(Duration.ofSeconds(2)).create()) {
                assertEquals(0, runtime.readySpares(Language.PYTHON), "taken");
                assertEquals(nextId, python.id());
                assertTrue(named(spares, "interpreter-" + nextId + "-python").isPresent(), "the spare's thread is now this interpreter's: " + spares);
                python.exec(REPORT);
                assertEquals(freshReport.replaceFirst("^\\d+", ""), out.toString(StandardCharsets.UTF_8).replaceFirst("^\\d+", ""),
                        "the same globals and modules as a new interpreter");
                assertEquals(nextId + " ", out.toString(StandardCharsets.UTF_8).substring(0, String.valueOf(nextId).length() + 1));
                assertThrows(TimeLimitExceeded.class, () -> python.exec("while True: pass"), "its own time limit applies");
            }
        }
        assertEquals(Set.of(), InterpreterThreads.stillAliveAfter(before, Duration.ofSeconds(30)), "no spare outlives its runtime");
    }

    @Test
    void aJavaScriptSpareHasNoneOfThePreviousInterpretersStateAndSparesCanBeTurnedOff() throws Exception {
        Set<Thread> before = InterpreterThreads.alive();
        try (Interpreters runtime = new Interpreters()) {
            try (Interpreter first = runtime.newInterpreter(Language.JS).create()) {
                first.exec("globalThis.left = 'behind'");
            }
            awaitSpare(runtime, Language.JS, before);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Interpreter js = runtime.newInterpreter(Language.JS).stdout(out).create()) {
                js.exec("console.log(typeof left)");
            }
            assertEquals("undefined\n", out.toString(StandardCharsets.UTF_8));

            runtime.spares(0);
            assertEquals(0, runtime.readySpares(Language.JS));
            runtime.newInterpreter(Language.JS).create().close();
            runtime.newInterpreter(Language.JS).create().close();
            Thread.sleep(1_000);   // longer than a spare waits before it starts on an idle machine
            assertEquals(0, runtime.readySpares(Language.JS), "none made once turned off");
            assertEquals(Set.of(), InterpreterThreads.stillAliveAfter(before, Duration.ofSeconds(30)), "the spare's thread ended");
        }
    }

    @Test
    void aSpareMadeForOtherArgumentsIsNotUsedAndTheNextIsMadeForTheNewOnes() throws Exception {
        Set<Thread> before = InterpreterThreads.alive();
        try (Interpreters runtime = new Interpreters()) {
            Set<Thread> spares = awaitSpare(runtime, Language.PYTHON, before);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread stale;
            try (Interpreter python = runtime.newInterpreter(Language.PYTHON).arguments("prog.py", "b").stdout(out).create()) {
                stale = named(spares, "interpreter-spare-python-closing")
                        .orElseThrow(() -> new AssertionError("made for no arguments, so not taken but closed: " + spares));
                python.exec("import sys\nprint(sys.argv)");
            }
            assertEquals("['prog.py', 'b']\n", out.toString(StandardCharsets.UTF_8));
            stale.join(Duration.ofSeconds(30));
            assertFalse(stale.isAlive(), "the stale spare is closed");

            Set<Thread> next = awaitSpare(runtime, Language.PYTHON, before, r -> r.newInterpreter(Language.PYTHON).arguments("prog.py", "b"));
            out.reset();
            try (Interpreter python = runtime.newInterpreter(Language.PYTHON).arguments("prog.py", "b").stdout(out).create()) {
                assertTrue(named(next, "interpreter-" + python.id() + "-python").isPresent(), "made for these arguments, so taken: " + next);
                python.exec("import sys\nprint(sys.argv)");
            }
            assertEquals("['prog.py', 'b']\n", out.toString(StandardCharsets.UTF_8));
        }
        assertEquals(Set.of(), InterpreterThreads.stillAliveAfter(before, Duration.ofSeconds(30)), "no spare outlives its runtime");
    }

    @Test
    void onlyZeroOrOneSparePerLanguage() {
        try (Interpreters runtime = new Interpreters()) {
            assertThrows(IllegalArgumentException.class, () -> runtime.spares(2));
            assertThrows(IllegalArgumentException.class, () -> runtime.spares(-1));
        }
    }

    private static String run(Interpreters runtime, String code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interpreter python = runtime.newInterpreter(Language.PYTHON).stdout(out).create()) {
            python.exec(code);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static java.util.Optional<Thread> named(Set<Thread> threads, String name) {
        return threads.stream().filter(t -> t.getName().equals(name)).findFirst();
    }

    /**
     * Closes an interpreter of {@code language}, creates another, and waits until the runtime has its spare ready; asks again
     * if the machine stayed busy for longer than a spare waits for an idle core. Returns the threads of the spares waiting
     * since {@code before}: this runtime's, and any that another open runtime (the shared one) made meanwhile.
     */
    private static Set<Thread> awaitSpare(Interpreters runtime, Language language, Set<Thread> before) throws InterruptedException {
        return awaitSpare(runtime, language, before, r -> r.newInterpreter(language));
    }

    private static Set<Thread> awaitSpare(Interpreters runtime, Language language, Set<Thread> before,
                                     java.util.function.Function<Interpreters, Interpreter.Builder> builder) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long askAgain = 0;
        while (System.nanoTime() < deadline) {
            if (runtime.readySpares(language) == 1) {
                Set<Thread> spares = InterpreterThreads.waitingSparesSince(before, language);
                assertFalse(spares.isEmpty(), "a ready spare has its own thread");
                return spares;
            }
            if (System.nanoTime() > askAgain) {
                // One closed, then one created: the runtime now expects more, and makes the next one ahead.
                builder.apply(runtime).create().close();
                builder.apply(runtime).create().close();
                askAgain = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            }
            Thread.sleep(100);
        }
        return fail("no spare " + language.id() + " interpreter was made within 3 minutes");
    }
}
