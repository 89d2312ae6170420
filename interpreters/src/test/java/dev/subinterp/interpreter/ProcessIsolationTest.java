package dev.subinterp.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.error.ErrorKind;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interpreters under a policy with {@code "isolation": "process"} live in worker JVMs: the same API as
 * in-process ones, a memory limit the worker's heap enforces, and crashes that end only their worker.
 */
class ProcessIsolationTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures", "policies");
    private static Interpreters runtime;

    @BeforeAll
    static void start() {
        runtime = new Interpreters(PolicyLoader.load(FIXTURES.resolve("process-128m.json")));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** The worker's pid, as the guest sees it. */
    private static long pidOf(Interpreter python) {
        python.exec("import os\n_pid = os.getpid()");
        return python.getMainAttr("_pid").asLong();
    }

    @Test
    void theSameApiWorksAcrossTheProcessBoundary() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interpreter py = runtime.newInterpreter(Language.PYTHON).stdout(out)
                .stdin(new ByteArrayInputStream("typed\n".getBytes(StandardCharsets.UTF_8))).create()) {
            assertNotEquals(ProcessHandle.current().pid(), pidOf(py), "the interpreter runs in another process");
            py.exec("def add(a, b): return a + b\nprint('hello from the worker')");
            assertEquals(5, py.call("add", 2, 3).asInt());
            py.prepareMain(Map.of("data", Map.of("xs", java.util.List.of(1, 2, 3)), "raw", new byte[]{1, 2, 3}));
            assertEquals(6, py.call("sum", py.getMainAttr("data").get("xs")).asInt());
            assertEquals(3, py.getMainAttr("raw").binaryValue().length, "bytes cross as bytes");
            CompletableFuture<JsonNode> later = py.callInThread("add", "a", "b");
            assertEquals("ab", later.get().asText());
            py.exec("line = input()");
            assertEquals("typed", py.getMainAttr("line").asText(), "stdin is the host's stream");
            assertEquals("hello from the worker\n", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void guestErrorsKeepTheirClassAndTraceback() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            ExecutionFailed failed = assertThrows(ExecutionFailed.class, () -> py.exec("x = 1\n1 / 0", "calc.py"));
            assertEquals("ZeroDivisionError", failed.excInfo().type());
            assertEquals(2, failed.excInfo().line());
            assertTrue(failed.excInfo().traceback().contains("calc.py"), failed.excInfo().traceback());
            NameNotDefined missing = assertThrows(NameNotDefined.class, () -> py.call("missing"));
            assertEquals("interpreter " + py.id() + " has no function 'missing' in __main__", missing.getMessage(), "the same error as in-process");
            py.exec("y = 2");
            assertEquals(2, py.getMainAttr("y").asInt(), "the interpreter stays usable");
        }
    }

    @Test
    void aFamilyThatExhaustsItsMemoryIsStoppedAndItsNeighbourGoesOn() {
        try (Interpreter leaky = runtime.create(Language.PYTHON); Interpreter innocent = runtime.create(Language.PYTHON)) {
            innocent.exec("total = 0");
            leaky.exec("kept = []");
            LimitExceeded limit = assertThrows(LimitExceeded.class,
                    () -> leaky.exec("while True:\n    kept.append(bytearray(1 << 20))"));
            assertEquals(ErrorKind.MEMORY, limit.kind());
            assertTrue(limit.getMessage().contains("reached its memory limit of 128 MiB"), limit.getMessage());
            assertTrue(leaky.isClosed());
            innocent.exec("for i in range(1000): total += i");
            assertEquals(499500, innocent.getMainAttr("total").asInt(), "the neighbour never noticed");
        }
    }

    @Test
    void aKilledWorkerFailsItsCallWithATypedError() throws Exception {
        try (Interpreter victim = runtime.create(Language.PYTHON); Interpreter neighbour = runtime.create(Language.JS)) {
            long pid = pidOf(victim);
            victim.exec("import time\ndef nap(): time.sleep(60)");
            CompletableFuture<JsonNode> sleeping = victim.callInThread("nap");
            while (!victim.isRunning()) {
                Thread.sleep(10);
            }
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            Exception failure = assertThrows(Exception.class, sleeping::get);
            InterpreterCrashed crashed = assertInstanceOf(InterpreterCrashed.class, failure.getCause());
            assertEquals(ErrorKind.CRASHED, crashed.kind());
            assertEquals(128 + 9, crashed.exitStatus());
            assertTrue(crashed.getMessage().contains("killed by signal 9 (SIGKILL)"), crashed.getMessage());
            assertTrue(victim.isClosed());
            neighbour.exec("var n = 6 * 7;");
            assertEquals(42, neighbour.getMainAttr("n").asInt());
        }
    }

    @Test
    void builtInCodeThatCannotBeInterruptedEndsWithItsWorker() {
        try (Interpreter py = runtime.newInterpreter(Language.PYTHON).timeLimit(Duration.ofSeconds(5)).create()) {
            long pid = pidOf(py);
            TimeLimitExceeded stopped = assertThrows(TimeLimitExceeded.class, () -> py.exec("sum(range(10**15))"));
            assertEquals(Duration.ofSeconds(5), stopped.limit());
            assertTrue(py.isClosed(), "its worker was killed");
            ProcessHandle.of(pid).ifPresent(worker -> worker.onExit().join());   // no core is left spinning: it ends
        }
    }

    @Test
    void hostFunctionsStayInTheHostAndHostObjectsAreRefused() {
        try (Interpreter py = runtime.newInterpreter(Language.PYTHON)
                .hostFunctions("host", Map.of("twice", argument -> argument.isNumber()
                        ? com.fasterxml.jackson.databind.node.IntNode.valueOf(argument.asInt() * 2) : argument)).create()) {
            py.exec("import host\nr = host.twice(21)");
            assertEquals(42, py.getMainAttr("r").asInt());
        }
        SandboxPolicy exported = PolicyLoader.parse("exported.json", "{\"extends\": \"strict\", \"hostAccess\": \"exported\"}");
        try (Interpreters withHostAccess = new Interpreters(exported)) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> withHostAccess.newInterpreter(Language.PYTHON).hostObject("clock", new Object()).create());
            assertTrue(refused.getMessage().contains("cannot be handed to a process-isolated interpreter"), refused.getMessage());
        }
    }

    @Test
    void systemExitThroughHostAccessEndsOnlyItsWorker() {
        try (Interpreters trusted = new Interpreters(PolicyLoader.load(FIXTURES.resolve("trusted-process.json")));
             Interpreter js = trusted.create(Language.JS); Interpreter neighbour = runtime.create(Language.JS)) {
            InterpreterCrashed crashed = assertThrows(InterpreterCrashed.class, () -> js.exec("Java.type('java.lang.System').exit(7)"));
            assertEquals(7, crashed.exitStatus());
            assertTrue(crashed.getMessage().contains("exited with status 7"), crashed.getMessage());
            neighbour.exec("var alive = true;");
            assertTrue(neighbour.getMainAttr("alive").asBoolean(), "this JVM and the other workers go on");
        }
    }

    @Test
    void aWorkerThatDoesNotCloseInTimeIsKilled() throws Exception {
        Interpreters unlimited = new Interpreters(PolicyLoader.parse("no-time-limit.json",
                "{\"extends\": \"strict\", \"limits\": {\"timePerCall\": null}}"));
        try (unlimited) {
            Interpreter py = unlimited.create(Language.PYTHON);
            long pid = pidOf(py);
            CompletableFuture<JsonNode> runaway = py.callInThread("eval", "sum(range(10**15))");
            while (!py.isRunning()) {
                Thread.sleep(10);
            }
            py.close();   // built-in code does not stop for a Context's cancel: the worker is killed instead
            assertTrue(py.isClosed());
            assertThrows(java.util.concurrent.ExecutionException.class, runaway::get);
            ProcessHandle.of(pid).ifPresent(worker -> worker.onExit().join());
        }
    }

    @Test
    void churnLeavesNothingBehindButTheWarmPool() throws Exception {
        dev.subinterp.internal.worker.WorkerPool pool = dev.subinterp.internal.worker.WorkerPool.shared();
        long fdsBefore = openFileDescriptors();
        java.util.concurrent.ExecutorService hosts = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(hosts.submit(() -> {
                    try (Interpreter js = runtime.create(Language.JS)) {
                        js.exec("var n = " + n + " * 2;");
                        return js.getMainAttr("n").asInt();
                    }
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i * 2, results.get(i).get().intValue());
            }
        } finally {
            hosts.shutdown();
            assertTrue(hosts.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.settle();
        java.util.Set<Long> ready = java.util.Set.copyOf(pool.readyPids());
        for (long pid : workerProcesses()) {   // a worker that was ended (not kept ready) must be gone soon
            if (!ready.contains(pid)) {
                ProcessHandle.of(pid).ifPresent(ended -> ended.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
            }
        }
        java.util.Set<Long> workers = new java.util.HashSet<>(workerProcesses());
        assertEquals(ready, workers, "every worker process left is a ready one of the warm pool");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().matches("interpreter-\\d+-process")),
                "no interpreter's thread is left");
        long fdsAfter = openFileDescriptors();
        // Per warm worker: its socket, three pipes (stdin, stdout, stderr) and two selectors of two descriptors each.
        assertTrue(fdsAfter - fdsBefore <= 8L * workers.size(),
                "at most 8 descriptors per warm worker: " + fdsBefore + " -> " + fdsAfter + " with " + workers.size() + " workers");
    }

    /** The worker JVMs among this JVM's child processes, from /proc. */
    private static java.util.List<Long> workerProcesses() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(child -> child.info().commandLine().orElse("").contains("WorkerMain"))
                .map(ProcessHandle::pid).toList();
    }

    private static long openFileDescriptors() throws java.io.IOException {
        try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
