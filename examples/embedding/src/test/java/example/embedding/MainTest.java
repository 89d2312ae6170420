package example.embedding;

import dev.subinterp.interpreter.Interpreters;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application, run as a user runs it: its own JVM, with the JIT, and a clean exit. */
class MainTest {
    private static final String NOTICE_START = "subinterp: no JIT compiler";

    record Run(int exitCode, String stdout, String stderr) {
    }

    @Test
    void theTestsOfAnEmbedderRunWithTheJit() {
        try (Interpreters runtime = new Interpreters()) {
            assertTrue(runtime.isJitEnabled(), "the graal-jit profile's argLine: " + runtime.truffleRuntimeName());
        }
    }

    @Test
    void theApplicationRunsWithTheJitAndExitsCleanly() throws Exception {
        Run run = runMain(System.getProperty("example.jitJvmArgs"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr(), "nothing on stderr: no warnings, no log noise at exit");
        assertEquals(List.of(
                "jit: on",
                "python: norm 5.0, scaled Point[x=6.0, y=8.0]",
                "javascript: {graal=GRAAL, python=PYTHON}",
                "not defined: interpreter 1 has no function 'missing' in __main__",
                "raised: ZeroDivisionError: division by zero at <string>:2",
                "pool: [1, 4, 9, 16, 25]",
                "package: [system      \t  cores, this machine\t      2]",
                "plugin: Stats[words=5, longest=interpreters]"), run.stdout().lines().toList());
    }

    @Test
    void withoutTheJitItSaysSoOnceInOneLine() throws Exception {
        Run run = runMain("");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().startsWith("jit: off\n"), run.stdout());
        List<String> lines = run.stderr().lines().toList();
        assertEquals(1, lines.size(), "one line for three runtimes (the pool's, the plugin's, Main's): " + run.stderr());
        assertTrue(lines.get(0).startsWith(NOTICE_START), run.stderr());
    }

    @Test
    void theLineCanBeTurnedOff() throws Exception {
        Run run = runMain("-Dpolyglot.engine.WarnInterpreterOnly=false");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().startsWith("jit: off\n"), run.stdout());
        assertEquals("", run.stderr());
    }

    private static Run runMain(String jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String args : List.of(System.getProperty("example.jdk24JvmArgs", ""), jvmArgs)) {
            Arrays.stream(args.trim().split("\\s+")).filter(arg -> !arg.isEmpty()).forEach(command::add);
        }
        // With the JIT, three jars are modules on the upgrade module path; without it, the class path has
        // every dependency, as a project that never copied the graal-jit profile has.
        String classPath = String.join(java.io.File.pathSeparator, jvmArgs.contains("EnableJVMCI")
                ? List.of("target/classes", "target/lib/*")
                : List.of("target/classes", "target/lib/*", "target/jit/truffle-compiler.jar", "target/jit/collections.jar", "target/jit/word.jar"));
        command.addAll(List.of("-cp", classPath, "example.embedding.Main", "plugins"));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        var stderr = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofPlatform().start(() -> {
            try {
                stderr.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                stderr.completeExceptionally(e);
            }
        });
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), stdout, stderr.join());
    }
}
