package dev.subinterp.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pseudo-distributed Spark: a standalone master and a worker started from the build's Spark jars,
 * so that the executor is a JVM of its own, launched by the worker as a cluster launches it, with the
 * library's jars installed beside Spark's and the Graal JIT turned on by {@code spark.executor.extraJavaOptions}
 * (docs/spark.md says the same for a real cluster). The driver is {@code runner map --spark spark://...}.
 */
class SparkClusterIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> JIT_JARS = List.of("compiler-", "truffle-compiler-", "collections-", "word-");
    private static Path home;
    private static Process master;
    private static Process worker;
    private static String masterUrl;

    @BeforeAll
    static void startACluster() throws Exception {
        home = Files.createTempDirectory("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        List<Path> installed = new ArrayList<>();
        for (String jar : Files.readString(ROOT.resolve("spark/target/spark.classpath")).strip().split(":")) installed.add(Path.of(jar));
        try (Stream<Path> library = Files.list(ROOT.resolve("runner/target/lib"))) {
            library.filter(jar -> JIT_JARS.stream().noneMatch(jar.getFileName().toString()::startsWith)).forEach(installed::add);
        }
        for (Path jar : installed) Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        Files.writeString(home.resolve("RELEASE"), "Spark 4.2.0 from Maven Central, for SparkClusterIT\n");   // (how Spark's launcher knows a distribution)

        master = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
        masterUrl = awaitLine("master", Pattern.compile("Starting Spark master at (spark://\\S+)")).group(1);
        worker = start("worker", "org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1", "--cores", "2",
                "--memory", "3g", "--webui-port", "0", "--work-dir", home.resolve("work").toString());
        awaitLine("worker", Pattern.compile("Successfully registered with master"));
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        for (Process process : new Process[] {worker, master}) {
            if (process == null) continue;
            List<ProcessHandle> started = process.descendants().toList();   // the worker's executors
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the Spark daemon ended");
            for (ProcessHandle executor : started) {
                executor.onExit().get(60, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(home)) {   // (symbolic links are deleted, not followed)
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(file);
        }
    }

    @Test
    void anExecutorInItsOwnJvmRunsTheMapWithTheGraalJit() throws Exception {
        Path jit = ROOT.resolve("runner/target/jit");
        String modules;
        try (Stream<Path> jars = Files.list(jit)) {
            modules = jars.map(Path::toString).sorted().reduce((a, b) -> a + ":" + b).orElseThrow();
        }
        String executorOptions = "-Xss16m -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=" + modules
                + " --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED";
        LauncherIT.Run run = LauncherIT.launch(Map.of("SPARK_HOME", home.toString()), "map", "--spark", masterUrl,
                "--spark-conf", "spark.executor.extraJavaOptions=" + executorOptions, "--lang", "python", "--workers", "2",
                "--init", "test-fixtures/palindromes/search.py", "--function", "keep", "test-fixtures/palindromes/words.jsonl");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(Files.readString(ROOT.resolve("test-fixtures/palindromes/expected.jsonl")), run.stdout());
        assertTrue(run.stderr().contains("1 pool(s) made on executors, 0 without the Graal JIT"), run.stderr());
        String executorLog;
        try (Stream<Path> logs = Files.walk(home.resolve("work"))) {
            executorLog = logs.filter(path -> path.getFileName().toString().equals("stderr")).map(SparkClusterIT::read)
                    .reduce("", String::concat);
        }
        assertTrue(executorLog.contains("subinterp: guest functions run with the Graal JIT"),
                "the executor's own log says the JIT is on: " + executorLog.lines().filter(l -> l.contains("subinterp")).toList());
    }

    private static Process start(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + ROOT.resolve("spark/java-options"), "-Xmx512m", "-cp", home.resolve("jars") + "/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");   // (the launcher's check for a source build otherwise)
        return builder.start();
    }

    /** The first match of {@code line} in the daemon's log, waiting up to two minutes for it. */
    private static Matcher awaitLine(String name, Pattern line) throws Exception {
        Path log = home.resolve(name + ".log");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Matcher found = line.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (found.find()) return found;
            Thread.sleep(200);
        }
        throw new AssertionError("the Spark " + name + " did not say '" + line + "': " + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
