package dev.subinterp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void eachBadLineIsAnErrorOfItsOwnAndNothingIsChangedOnTheWayInOrOut() {
        RunnerCliTest.Run run = RunnerCliTest.runner("map", "--lang", "python", "--workers", "1",
                "--init", FIXTURES.resolve("map/echo.py").toString(), "--function", "describe",
                FIXTURES.resolve("map/bad-lines.jsonl").toString());
        assertEquals(1, run.exitCode(), run.stderr());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(7, lines.size(), "one line per non-blank input line: " + run.stdout());
        assertError(lines.get(0), "InvalidJson", 1, "Unrecognized token 'garbage'");
        assertEquals("{\"a\":1}", lines.get(1));
        assertError(lines.get(2), "InvalidJson", 3, "not UTF-8: byte 0xE9 at byte 5 of the line is invalid here");
        assertEquals("[\"\\ud800 alone\",[\"0xd800\",\"0x20\",\"0x61\",\"0x6c\",\"0x6f\",\"0x6e\",\"0x65\"]]", lines.get(3),
                "a lone surrogate crosses as itself and is written back as an escape");
        assertError(lines.get(4), "InvalidJson", 6, "Duplicate field 'a'");
        assertError(lines.get(5), "InvalidJson", 7, "Trailing token");
        assertEquals("[\"🌍 fine\",[\"0x1f30d\",\"0x20\",\"0x66\",\"0x69\",\"0x6e\",\"0x65\"]]", lines.get(6));
        assertTrue(run.stderr().contains("3 done, 4 failed, 0 timed out"), run.stderr());
    }

    @Test
    void integersUpTo4300DigitsAndValuesNestedUpTo256DeepCrossAndNoMore() throws Exception {
        Path limits = FIXTURES.resolve("map/limits.jsonl");
        RunnerCliTest.Run run = RunnerCliTest.runner("map", "--lang", "python", "--workers", "1",
                "--init", FIXTURES.resolve("map/echo.py").toString(), "--function", "describe", limits.toString());
        assertEquals(1, run.exitCode(), run.stderr());
        List<String> input = Files.readAllLines(limits);
        List<String> lines = run.stdout().lines().toList();
        assertEquals(input.get(0), lines.get(0), "4300 digits");
        assertError(lines.get(1), "NotShareableError", 2, "$: integer of more than 4300 digits is not shareable");
        assertEquals(input.get(2), lines.get(2), "256 lists deep");
        assertError(lines.get(3), "NotShareableError", 4, "$.a" + "[0]".repeat(255) + ": nesting deeper than 256 is not shareable");
    }

    @Test
    void standardInputStillWorksAndOtherInputsMustBeRegularFiles(@TempDir Path dir) throws Exception {
        RunnerCliTest.Run stdin = RunnerCliTest.runnerWithStdin("21\n[21]]\n", "map", "--lang", "js", "--workers", "1",
                "--init", FIXTURES.resolve("map/checks.js").toString(), "--function", "check", "-");
        assertEquals(List.of("42"), stdin.stdout().lines().limit(1).toList(), stdin.stderr());
        assertError(stdin.stdout().lines().toList().get(1), "InvalidJson", 2, "Unexpected close marker");

        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
        for (String input : List.of("/dev/zero", dir.toString(), fifo.toString())) {
            RunnerCliTest.Run run = RunnerCliTest.runner("map", "--lang", "js", "--init", FIXTURES.resolve("map/checks.js").toString(),
                    "--function", "check", input);
            assertEquals(2, run.exitCode(), input + ": " + run.stderr());
            assertEquals("runner map: " + input + ": not a regular file\n", run.stderr());
        }
        RunnerCliTest.Run init = RunnerCliTest.runner("map", "--lang", "js", "--init", "/dev/zero", "--function", "check",
                FIXTURES.resolve("map/mixed.jsonl").toString());
        assertEquals("runner map: /dev/zero: not a regular file\n", init.stderr(), "--init too");
    }

    private static void assertError(String line, String type, int number, String messageStart) {
        assertTrue(line.startsWith("{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + messageStart), line);
        assertTrue(line.endsWith("\"line\":" + number + "}}"), line);
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
