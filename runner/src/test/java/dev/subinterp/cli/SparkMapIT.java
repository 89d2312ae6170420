package dev.subinterp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code runner map --spark 'local[2]'} through the real launcher: Spark on the class path from the
 * build, its JVM options, the Graal JIT on. The contract: byte for byte what {@code runner map} prints.
 */
class SparkMapIT {
    private static final String PALINDROMES = "../test-fixtures/palindromes/";

    @Test
    void thePalindromeSearchPrintsWhatRunnerMapPrintsWithTheJitOnInOnePool() throws Exception {
        LauncherIT.Run run = LauncherIT.launch(Map.of(), "map", "--spark", "local[2]", "--lang", "python", "--workers", "2",
                "--init", "test-fixtures/palindromes/search.py", "--function", "keep", "test-fixtures/palindromes/words.jsonl");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(Files.readString(Path.of(PALINDROMES + "expected.jsonl")), run.stdout());
        assertTrue(run.stderr().contains("runner map: 8000 done, 0 failed, 0 timed out, 8000 lines in "), run.stderr());
        assertTrue(run.stderr().contains("runner map: Spark local[2]: started in ")
                && run.stderr().contains("1 pool(s) made on executors, 0 without the Graal JIT"), run.stderr());
        assertEquals(2, run.stderr().lines().count(), "the two summary lines and nothing of Spark's: " + run.stderr());
    }

    @Test
    void badLinesGetTheSameErrorObjectsAsWithoutSpark() throws Exception {
        String[] map = {"map", "--lang", "python", "--workers", "1", "--init", "test-fixtures/map/echo.py", "--function", "describe",
                "test-fixtures/map/bad-lines.jsonl"};
        LauncherIT.Run plain = LauncherIT.launch(Map.of(), map);
        LauncherIT.Run spark = LauncherIT.launch(Map.of(), Stream.concat(Stream.of(map), Stream.of("--spark", "local[2]")).toArray(String[]::new));
        assertEquals(1, plain.exitCode(), plain.stderr());
        assertEquals(plain.exitCode(), spark.exitCode(), spark.stderr());
        assertEquals(plain.stdout(), spark.stdout(), "invalid UTF-8, repeated keys, lone surrogates: the same bytes");
        assertTrue(spark.stderr().contains("3 done, 4 failed, 0 timed out"), spark.stderr());
    }

    @Test
    void outputGoesToSparksPartFilesAndAnExistingDirectoryIsRefused(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("results");
        String[] args = {"map", "--spark", "local[2]", "--lang", "js", "--timeout", "300ms", "--workers", "2",
                "--init", "test-fixtures/map/checks.js", "--function", "check", "--output", output.toString(), "test-fixtures/map/mixed.jsonl"};
        LauncherIT.Run run = LauncherIT.launch(Map.of(), args);
        assertEquals(1, run.exitCode(), "a line failed: " + run.stderr());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("2 done, 2 failed, 1 timed out"), run.stderr());
        List<String> lines;
        try (Stream<Path> parts = Files.list(output)) {
            lines = parts.filter(part -> part.getFileName().toString().startsWith("part-")).sorted()
                    .flatMap(part -> readLines(part).stream()).toList();
        }
        assertEquals(5, lines.size(), lines.toString());
        assertEquals("2", lines.get(0));
        assertEquals("{\"error\":{\"type\":\"RangeError\",\"message\":\"negative: -5\",\"line\":2}}", lines.get(1));
        assertTrue(lines.get(3).startsWith("{\"error\":{\"type\":\"TimeLimitExceeded\""), lines.get(3));
        assertEquals("42", lines.get(4));

        LauncherIT.Run again = LauncherIT.launch(Map.of(), args);
        assertEquals(2, again.exitCode(), again.stderr());
        assertTrue(again.stderr().startsWith("runner map --spark: ") && again.stderr().contains("already exists"), again.stderr());
    }

    @Test
    void aBrokenInitializerIsReportedWithItsTracebackAndNoJavaFrames(@TempDir Path dir) throws Exception {
        Path init = Files.writeString(dir.resolve("broken.py"), "def f(x):\n    return x\n\nraise ValueError('no model file')\n");
        LauncherIT.Run run = LauncherIT.launch(Map.of(), "map", "--spark", "local[2]", "--lang", "python",
                "--init", init.toString(), "--function", "f", "test-fixtures/map/mixed.jsonl");
        assertEquals(2, run.exitCode(), run.stderr());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().startsWith("runner map: python function 'f': the initializer failed:\nTraceback"), run.stderr());
        assertTrue(run.stderr().contains("line 4") && run.stderr().contains("ValueError: no model file"), run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no Java stack trace: " + run.stderr());
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
