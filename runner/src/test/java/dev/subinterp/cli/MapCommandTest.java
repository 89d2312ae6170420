package dev.subinterp.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code runner map}: results in input order, error objects for what failed, a summary, exit codes. */
class MapCommandTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures");

    @Test
    void thePalindromeSearchPrintsTheExpectedLinesInInputOrder() throws Exception {
        RunnerCliTest.Run run = RunnerCliTest.runner("map", "--lang", "python",
                "--init", FIXTURES.resolve("palindromes/search.py").toString(), "--function", "keep", "--workers", "2",
                FIXTURES.resolve("palindromes/words.jsonl").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(Files.readString(FIXTURES.resolve("palindromes/expected.jsonl")), run.stdout());
        assertTrue(run.stderr().contains("8000 done, 0 failed, 0 timed out"), run.stderr());
    }

    @Test
    void failuresBecomeErrorObjectsOnTheirOwnLine() {
        RunnerCliTest.Run run = RunnerCliTest.runner("map", "--lang", "js", "--timeout", "300ms", "--workers", "2",
                "--init", FIXTURES.resolve("map/checks.js").toString(), "--function", "check",
                FIXTURES.resolve("map/mixed.jsonl").toString());
        assertEquals(1, run.exitCode(), run.stderr());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(5, lines.size(), "one line per non-blank input line: " + run.stdout());
        assertEquals("2", lines.get(0));
        assertEquals("{\"error\":{\"type\":\"RangeError\",\"message\":\"negative: -5\",\"line\":2}}", lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"error\":{\"type\":\"InvalidJson\""), lines.get(2));
        assertTrue(lines.get(2).endsWith("\"line\":3}}"), lines.get(2));
        assertTrue(lines.get(3).startsWith("{\"error\":{\"type\":\"TimeLimitExceeded\""), lines.get(3));
        assertEquals("42", lines.get(4));
        assertTrue(run.stderr().contains("2 done, 2 failed, 1 timed out"), run.stderr());
    }

    @Test
    void badOptionsAndABrokenInitializerAreUsageErrors() {
        assertEquals(2, RunnerCliTest.runner("map", "--lang", "js", "--function", "f", "x.jsonl").exitCode(), "--init is required");
        RunnerCliTest.Run missing = RunnerCliTest.runner("map", "--lang", "js", "--init", FIXTURES.resolve("map/checks.js").toString(),
                "--function", "check", FIXTURES.resolve("map/absent.jsonl").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("absent.jsonl"), missing.stderr());
        RunnerCliTest.Run broken = RunnerCliTest.runner("map", "--lang", "python", "--init", FIXTURES.resolve("map/checks.js").toString(),
                "--function", "check", FIXTURES.resolve("map/mixed.jsonl").toString());
        assertEquals(2, broken.exitCode());
        assertTrue(broken.stderr().contains("the initializer failed"), broken.stderr());
    }
}
