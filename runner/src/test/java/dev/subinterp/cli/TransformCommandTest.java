package dev.subinterp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.subinterp.cli.RunnerCliTest.runner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code runner transform} and {@code runner exec --transform}: the command-line contract. */
class TransformCommandTest {
    private static String fixture(String name) {
        return Path.of("..", "test-fixtures", "transforms", name).toString();
    }

    @Test
    void transformPrintsTheRewrittenSource() {
        RunnerCliTest.Run run = runner("transform", "--with", fixture("swap_add_sub.py"), fixture("arithmetic.py"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("a = 5\nb = 2\ntotal = a - b\ndifference = a + b\nprint(total, difference)\n", run.stdout());
    }

    @Test
    void transformPrintsTheJsonTreeOfAJsProgram() throws Exception {
        RunnerCliTest.Run run = runner("transform", "--json-ast", "--with", fixture("swap_add_sub.js"), fixture("arithmetic.js"));
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode tree = run.json();
        assertEquals("Program", tree.get("type").asText());
        assertEquals("-", tree.get("body").get(2).get("declarations").get(0).get("init").get("operator").asText());
    }

    @Test
    void execRewritesThenRunsWithTransformsInOrder() throws Exception {
        RunnerCliTest.Run run = runner("exec", "--json", "--transform", fixture("swap_add_sub.js"), "--transform", "print-capture",
                fixture("arithmetic.js"));
        JsonNode result = run.json();
        assertEquals(0, result.get("exit_code").asInt(), run.stdout());
        assertEquals("", result.get("stdout").asText());
        assertEquals("[\"3 7\"]", result.get("transforms").get("__printed__").toString());
    }

    @Test
    void aRefusedProgramExitsOneListingEveryProblem() {
        RunnerCliTest.Run run = runner("exec", "--transform", "import-allowlist", "--transform", "dunder-guard", fixture("imports.py"));
        assertEquals(1, run.exitCode());
        assertEquals("", run.stdout());
        String imports = fixture("imports.py");
        assertEquals("runner exec: import-allowlist: refused " + imports + ":\n"
                + "  " + imports + ":3:1: import of 'os' is not allowed\n"
                + "  " + imports + ":4:1: import from 'subprocess' is not allowed\n"
                + "  " + imports + ":6:1: '__import__' can import any module and is not allowed with an import allow-list\n",
                withoutJitWarning(run.stderr()));
    }

    @Test
    void aBrokenTransformFileExitsTwoNamingTheFile() {
        RunnerCliTest.Run run = runner("transform", "--with", fixture("returns_number.py"), fixture("arithmetic.py"));
        assertEquals(2, run.exitCode());
        assertEquals("runner transform: " + fixture("returns_number.py") + ": transform(tree) returned int, not an ast.Module\n",
                withoutJitWarning(run.stderr()));
        RunnerCliTest.Run unknown = runner("transform", "--with", "no-such-transform", fixture("arithmetic.py"));
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("no-such-transform: is neither a built-in transform (import-allowlist, dunder-guard, "
                + "loop-budget, coverage, print-capture) nor a transform file"), unknown.stderr());
    }

    @Test
    void aLoopBudgetStopsARunawayProgramAtItsLine() {
        RunnerCliTest.Run run = runner("exec", "--transform", "loop-budget=1000", "--transform", "coverage", fixture("spin.py"));
        assertEquals(1, run.exitCode());
        // GraalPy names code compiled from an existing file by its absolute path
        assertTrue(run.stderr().contains("spin.py\", line 3, in <module>\n    while True:"), run.stderr());
        assertTrue(run.stderr().contains("LoopBudgetExceeded: the loop budget of 1000 loop iterations"), run.stderr());
        assertTrue(run.stderr().contains("runner: __coverage__ = {\"file\":\"" + fixture("spin.py") + "\",\"lines\":{\"2\":1,\"3\":1,\"4\":1000}"),
                run.stderr());
    }

    /** In-process tests run interpreter-only, and exec says so first. */
    private static String withoutJitWarning(String stderr) {
        return stderr.replaceFirst("^runner: warning: the JIT is off[^\n]*\n", "");
    }
}
