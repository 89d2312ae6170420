package dev.subinterp.interpreter;

import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A runtime on a shared engine can have its successor prepared: the first interpreter of the next,
 * identical run is created ahead and handed out, connected to that run's own streams.
 */
class PreparedSuccessorTest {
    private static final SandboxPolicy POLICY = PolicyLoader.defaultPolicy();
    private static Engine engine;

    @BeforeAll
    static void sharedEngine() {
        engine = Interpreters.newEngine();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    private static String run(Interpreters runtime, String argument, String code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interpreter python = runtime.newInterpreter(Language.PYTHON).arguments("prog.py", argument).stdout(out).create()) {
            python.exec(code);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theNextIdenticalRunGetsThePreparedInterpreterWithItsOwnStreams() {
        String report = "import sys, interpreters\nprint(sys.argv, interpreters.get_current().id, 'marker' in globals())\nmarker = 1";
        Interpreters successor;
        try (Interpreters first = new Interpreters(POLICY, engine, HostEnvironment.current())) {
            assertEquals("['prog.py', 'a'] 1 False\n", run(first, "a", report));
            successor = first.prepareSuccessor().orElseThrow();
        }
        try (successor) {
            assertEquals(1, successor.listAll().size(), "created ahead, before anyone asked");
            assertEquals("['prog.py', 'a'] 1 False\n", run(successor, "a", report), "fresh: none of the last run's state");
        }
    }

    @Test
    void aRunWithOtherArgumentsGetsANewInterpreter() {
        Interpreters successor;
        try (Interpreters first = new Interpreters(POLICY, engine, HostEnvironment.current())) {
            run(first, "a", "pass");
            successor = first.prepareSuccessor().orElseThrow();
        }
        try (successor) {
            // The prepared one (id 1) cannot stand in for these arguments: it is closed and a new one made.
            assertEquals("['prog.py', 'b'] 2\n", run(successor, "b", "import sys, interpreters\nprint(sys.argv, interpreters.get_current().id)"));
            assertTrue(successor.listAll().isEmpty());
        }
    }

    @Test
    void aRuntimeWithItsOwnEngineOrWithHostObjectsHasNoSuccessor() {
        try (Interpreters owning = new Interpreters(POLICY)) {
            run(owning, "a", "pass");
            assertTrue(owning.prepareSuccessor().isEmpty());
        }
        try (Interpreters shared = new Interpreters(POLICY, engine, HostEnvironment.current())) {
            shared.newInterpreter(Language.PYTHON).hostFunctions("tools", java.util.Map.of("echo", argument -> argument)).create().close();
            assertTrue(shared.prepareSuccessor().isEmpty());
        }
    }
}
