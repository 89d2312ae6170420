package dev.subinterp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
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

    /** Finding 9: the smuggled call would print 42 past dunder-guard; the tree is refused, exit 2, naming the transform. */
    @Test
    void aTreeThatPrintsAsAnotherProgramExitsTwoNamingTheTransform() {
        RunnerCliTest.Run run = runner("exec", "--transform", fixture("smuggle_identifier.js"), "--transform", "dunder-guard", fixture("arithmetic.js"));
        assertEquals(2, run.exitCode(), run.stderr());
        assertEquals("", run.stdout());
        assertEquals("runner exec: " + fixture("smuggle_identifier.js") + ": the tree it returned does not print as itself: "
                + "$.body[5].expression: Identifier in the tree, CallExpression once printed and parsed again\n",
                withoutJitWarning(run.stderr()));
        RunnerCliTest.Run printed = runner("transform", "--with", fixture("smuggle_name.py"), "--with", "dunder-guard", fixture("arithmetic.py"));
        assertEquals(2, printed.exitCode(), printed.stderr());
        assertEquals("", printed.stdout());
        assertEquals("runner transform: " + fixture("smuggle_name.py") + ": the tree it returned does not print as itself: "
                + "$.body[5].value: Name in the tree, Call once printed and parsed again\n", withoutJitWarning(printed.stderr()));
    }

    @Test
    void aTreeTooDeepExitsTwoNamingTheTransformAndTheLimit() {
        for (String transform : new String[] {"deep_tree.js", "deep_tree.py"}) {
            String program = fixture(transform.endsWith(".js") ? "arithmetic.js" : "arithmetic.py");
            RunnerCliTest.Run run = runner("exec", "--transform", fixture(transform), program);
            assertEquals(2, run.exitCode(), run.stderr());
            assertEquals("runner exec: " + fixture(transform) + ": the tree it returned is nested deeper than 500 levels "
                    + "(nodes and lists, as in its JSON form), the limit for transforms\n", withoutJitWarning(run.stderr()));
        }
    }

    @Test
    void aProgramTooDeepToParseExitsTwoWithoutAStackTrace(@TempDir Path directory) throws IOException {
        Path program = directory.resolve("arrays.js");
        Files.writeString(program, "x = " + "[".repeat(100_000) + "1" + "]".repeat(100_000) + ";\n");
        RunnerCliTest.Run run = runner("exec", "--transform", "dunder-guard", program.toString());
        assertEquals(2, run.exitCode(), run.stderr());
        String stderr = withoutJitWarning(run.stderr());
        assertTrue(stderr.startsWith("runner exec: " + program + ": the program is nested too deeply to be parsed within the tools "
                + "interpreter's stack (RangeError: Maximum call stack size exceeded"), stderr);
        assertEquals(1, stderr.lines().count(), stderr);   // one line: no guest or Java stack trace
    }

    /** In-process tests run interpreter-only, and exec says so first. */
    private static String withoutJitWarning(String stderr) {
        return stderr.replaceFirst("^runner: warning: the JIT is off[^\n]*\n", "");
    }
}
