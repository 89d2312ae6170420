package dev.subinterp.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real launcher, {@code scripts/runner}, in a fresh JVM: the JIT is on and really compiles guest
 * code. Runs after {@code package}, since the launcher uses the packaged jars.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Run(int exitCode, String stdout, String stderr) {
    }

    static Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = java.nio.file.Files.createTempFile("runner", ".out");
        Path err = java.nio.file.Files.createTempFile("runner", ".err");
        ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(List.of(ROOT.resolve("scripts/runner").toString())));
        builder.command().addAll(List.of(args));
        builder.directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("RUNNER_DAEMON", "off");   // the in-process launcher; ServiceIT covers the service
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "scripts/runner did not finish");
        return new Run(process.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void versionReportsTheJitOnWithoutAnInterpreterOnlyWarning() throws Exception {
        Run run = launch(Map.of(), "--version");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("jit: on"), run.stdout());
        assertFalse(run.stderr().toLowerCase().contains("interpreter"), "no warning expected, got: " + run.stderr());
    }

    @Test
    void hotGuestCodeIsCompiledByGraal() throws Exception {
        // Compilation runs in the background: keep the function hot for a few seconds so that it ends.
        Run run = launch(Map.of("RUNNER_JAVA_OPTS", "-Dpolyglot.engine.TraceCompilation=true"),
                "exec", "--lang", "js", "-c",
                "function step(x) { return (x * 31 + 7) % 1000003; }\n"
                        + "let x = 1; const end = Date.now() + 4000;\n"
                        + "while (Date.now() < end) { for (let i = 0; i < 10000; i++) x = step(x); }\n"
                        + "console.log('done', x > 0);");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("done true\n", run.stdout());
        assertTrue(run.stderr().contains("opt done"), "expected Truffle compilations in the trace: " + run.stderr());
    }

    @Test
    void pythonRunsThroughTheLauncher() throws Exception {
        Run run = launch(Map.of(), "exec", "-c", "import sys; print(sum(range(10)), file=sys.stdout)");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("45\n", run.stdout());
        assertEquals("", run.stderr(), "nothing but the guest's output when the JIT is on");
    }

    @Test
    void withTheJitOffThereIsExactlyOneWarning() throws Exception {
        Run version = launch(Map.of("RUNNER_JIT", "off"), "--version");
        assertTrue(version.stdout().contains("jit: off"), version.stdout());
        Run run = launch(Map.of("RUNNER_JIT", "off"), "exec", "--lang", "js", "-c", "console.log(1)");
        assertEquals(0, run.exitCode());
        assertEquals("1\n", run.stdout());
        List<String> lines = run.stderr().lines().toList();
        assertEquals(1, lines.size(), "one warning line: " + run.stderr());
        assertTrue(lines.get(0).contains("the JIT is off"), run.stderr());
    }

    @Test
    void aBuiltRunnerStartsFromItsStartUpCacheWithTheJitOn() throws Exception {
        // scripts/build-aot makes the cache in the package phase where the JDK can (JDK 25+ that jlink can link).
        boolean built = java.nio.file.Files.exists(ROOT.resolve("runner/target/runner.aot"));
        Run run = launch(Map.of(), "--version");
        assertTrue(run.stdout().contains("jit: on\nstart-up cache: " + (built ? "on" : "off")), run.stdout());
        Run withOtherJars = launch(Map.of("RUNNER_CLASSPATH", ROOT.resolve("runner/target/test-classes").toString()), "--version");
        assertTrue(withOtherJars.stdout().contains("start-up cache: off"),
                "a class path the cache was not trained with does not use it: " + withOtherJars.stdout());
    }
}
