package dev.subinterp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code runner exec}'s contract, run in-process: one test per exit code, plus --json. */
class RunnerCliTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures", "cli");

    record Run(int exitCode, String stdout, String stderr) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(stdout);
        }
    }

    static Run runnerWithStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RunnerCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run runner(String... args) {
        return runnerWithStdin("", args);
    }

    static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }

    @Test
    void exitsZeroAndPrintsTheGuestsOutput() {
        Run run = runner("exec", "--lang", "js", "-c", "console.log('hi', 6 * 7)");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("hi 42\n", run.stdout());
    }

    @Test
    void pythonFilesTakeTheLanguageFromTheExtensionAndGetTheirArguments() {
        Run run = runner("exec", fixture("hello.py"), "ada");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("hello, ada\n", run.stdout());
    }

    @Test
    void aDashReadsTheProgramFromStandardInput() {
        Run run = runnerWithStdin("console.log(typeof globalThis)", "exec", "--lang", "js", "-");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("object\n", run.stdout());
    }

    @Test
    void mjsFilesRunAsModules() {
        Run run = runner("exec", fixture("hello.mjs"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("hello from a module\n", run.stdout());
    }

    @Test
    void exitsOneWithTheTracebackOnStderrWhenTheGuestRaises() {
        Run run = runner("exec", fixture("fail.py"));
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("Traceback (most recent call last):"), run.stderr());
        assertTrue(run.stderr().contains("line 2, in load"), run.stderr());
        assertTrue(run.stderr().contains("KeyError: 'missing'"), run.stderr());
        Run js = runner("exec", "--lang", "js", "-c", "null.x");
        assertEquals(1, js.exitCode());
        assertTrue(js.stderr().contains("TypeError"), js.stderr());
    }

    @Test
    void exitsTwoOnUsageAndConfigurationErrors() {
        assertUsageError(runner("exec"), "either as -c CODE");
        assertUsageError(runner("exec", "--no-such-option", "-c", "1"), "--no-such-option");
        assertUsageError(runner("exec", fixture("absent.py")), "no such file");
        assertUsageError(runner("exec", fixture("few-statements.json")), "--lang");
        assertUsageError(runner("exec", "--lang", "ruby", "-c", "1"), "unknown language 'ruby'");
        assertUsageError(runner("exec", "--policy", "lenient", "--lang", "js", "-c", "1"), "trusted, default, strict");
        assertUsageError(runner("exec", "--timeout", "soon", "--lang", "js", "-c", "1"), "500ms");
        assertUsageError(runner(), "missing command");
    }

    private static void assertUsageError(Run run, String expected) {
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(expected), "stderr should mention '" + expected + "': " + run.stderr());
    }

    @Test
    void exits124WhenTheTimeLimitIsReached() {
        Run run = runner("exec", "--timeout", "500ms", fixture("spin.js"));
        assertEquals(124, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("time limit of 500ms reached"), run.stderr());
    }

    @Test
    void exits125WhenAnotherLimitIsReached() {
        Run run = runner("exec", "--policy", fixture("few-statements.json"), fixture("spin.js"));
        assertEquals(125, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("limit reached"), run.stderr());
    }

    @Test
    void exitsWithTheStatusPythonsSysExitAsksFor() {
        assertEquals(3, runner("exec", "-c", "import sys; sys.exit(3)").exitCode());
    }

    @Test
    void jsonReportsOneObjectWithStatusOutputAndError() throws Exception {
        Run ok = runner("exec", "--json", "--lang", "js", "-c", "console.log('out'); console.error('err')");
        assertEquals(0, ok.exitCode(), ok.stderr());
        JsonNode report = ok.json();
        assertEquals("ok", report.get("status").asText());
        assertEquals(0, report.get("exit_code").asInt());
        assertEquals("out\n", report.get("stdout").asText());
        assertEquals("err\n", report.get("stderr").asText());
        assertTrue(report.get("error").isNull());
        assertTrue(report.get("duration_ms").asLong() >= 0);

        Run failed = runner("exec", "--json", "--lang", "js", "-c", "\n  throw new RangeError('bad range');");
        assertEquals(1, failed.exitCode());
        JsonNode error = failed.json().get("error");
        assertEquals("error", failed.json().get("status").asText());
        assertEquals("RangeError", error.get("type").asText());
        assertEquals("bad range", error.get("message").asText());
        assertEquals(2, error.get("line").asInt());
        assertTrue(error.get("traceback").asText().contains("RangeError: bad range"));

        Run timeout = runner("exec", "--json", "--timeout", "300ms", fixture("spin.js"));
        assertEquals(124, timeout.exitCode());
        assertEquals("timeout", timeout.json().get("status").asText());
    }

    @Test
    void versionSaysWhetherTheJitIsOnAndWhetherTheStartUpCacheIsUsed() {
        Run run = runner("--version");
        assertEquals(0, run.exitCode());
        // (this JVM was not started from scripts/build-aot's cache; LauncherIT checks one that was)
        assertTrue(run.stdout().matches("(?s)runner \\S+\nGraalVM 25\\.0\\.3 .*\njit: (on|off)\nstart-up cache: off\n"), run.stdout());
    }

    @Test
    void programsAreReadOnlyFromRegularFilesOfBoundedSize(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Run zero = runner("exec", "--lang", "python", "/dev/zero");   // would fill the heap
        assertEquals(new Run(2, "", "runner exec: cannot read '/dev/zero': not a regular file\n"), zero);
        Path fifo = dir.resolve("program.py");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Run blocked = runner("exec", fifo.toString());   // would wait for a writer forever
        assertEquals(new Run(2, "", "runner exec: cannot read '" + fifo + "': not a regular file\n"), blocked);
        Run flood = runnerWithStdin("#".repeat(dev.subinterp.policy.TextFiles.MAX_BYTES + 1), "exec", "-");
        assertEquals(new Run(2, "", "runner exec: cannot read the program from standard input: larger than 16 MiB\n"), flood);
    }
}
