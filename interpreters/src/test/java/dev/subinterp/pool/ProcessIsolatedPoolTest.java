package dev.subinterp.pool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.InterpreterCrashed;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.LimitExceeded;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool whose policy says {@code "isolation": "process"}: each of its interpreters lives in a worker
 * JVM, so a task that exhausts its memory or whose worker dies breaks only its own interpreter, which
 * the pool replaces; the other tasks finish, and no task runs twice.
 */
class ProcessIsolatedPoolTest {
    private static final SandboxPolicy PROCESS_128M = PolicyLoader.load(Path.of("..", "test-fixtures", "policies", "process-128m.json"));

    private static Throwable failureOf(Future<JsonNode> task) {
        return assertThrows(ExecutionException.class, () -> task.get(120, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void aTaskThatExhaustsItsMemoryFailsAloneAndThePoolRecovers() throws Exception {
        try (InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.PYTHON).policy(PROCESS_128M).size(2)
                .initializer("""
                        import time
                        kept = []
                        def leak():
                            while True:
                                kept.append(bytearray(1 << 20))
                        def steady(n):
                            total = 0
                            for i in range(n):
                                total += len([i] * 100)
                            return total
                        """).build()) {
            Future<JsonNode> leaking = pool.submit(PoolTask.call("leak"));
            Future<JsonNode> innocent = pool.submit(PoolTask.call("steady", 20_000));
            LimitExceeded limit = assertInstanceOf(LimitExceeded.class, failureOf(leaking));
            assertEquals(ErrorKind.MEMORY, limit.kind());
            assertEquals(2_000_000, innocent.get(120, TimeUnit.SECONDS).asInt(), "the innocent task finishes with its normal result");
            assertEquals(0, pool.submit(PoolTask.call("steady", 0)).get().asInt(), "the pool takes work again");
            assertTrue(pool.replacedInterpreters() >= 1, "the leaking task's interpreter was replaced");
        }
    }

    @Test
    void killedWorkersFailTheirTasksOnceAndThePoolIsBackAtFullSize() throws Exception {
        java.util.Set<Long> workerPids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger naps = new java.util.concurrent.atomic.AtomicInteger();
        try (InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.PYTHON).policy(PROCESS_128M).size(2)
                .configure(options -> options.hostFunctions("probe", java.util.Map.of("napping", argument -> {
                    naps.incrementAndGet();
                    return argument;
                })))
                .initializer("""
                        import os, time, probe
                        def pid():
                            return os.getpid()
                        def nap():
                            probe.napping(os.getpid())
                            time.sleep(60)
                        """)
                .setup(interpreter -> workerPids.add(interpreter.call("pid").asLong()))
                .build()) {
            java.util.Set<Long> killed = java.util.Set.copyOf(workerPids);
            assertEquals(2, killed.size(), "two interpreters, two worker processes");
            Future<JsonNode> first = pool.submit(PoolTask.call("nap"));
            Future<JsonNode> second = pool.submit(PoolTask.call("nap"));
            while (naps.get() < 2) {
                Thread.sleep(20);
            }
            for (long pid : killed) {
                new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            }
            for (Future<JsonNode> nap : java.util.List.of(first, second)) {
                InterpreterCrashed crashed = assertInstanceOf(InterpreterCrashed.class, failureOf(nap));
                assertEquals(ErrorKind.CRASHED, crashed.kind());
                assertTrue(crashed.getMessage().contains("killed by signal 9"), crashed.getMessage());
            }
            for (int i = 0; i < 4; i++) {
                long pid = pool.submit(PoolTask.call("pid")).get(120, TimeUnit.SECONDS).asLong();
                assertTrue(!killed.contains(pid), "a dead worker is not used again");
            }
            assertEquals(2, pool.liveInterpreters(), "the pool is back at full size");
            assertEquals(2, naps.get(), "no task ran twice");
        }
    }
}
