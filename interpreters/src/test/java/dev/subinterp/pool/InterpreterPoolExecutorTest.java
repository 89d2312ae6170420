package dev.subinterp.pool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.InterpreterThreads;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.SharedRuntime;
import dev.subinterp.interpreter.TimeLimitExceeded;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterpreterPoolExecutorTest {
    private static final String JS_TASKS = """
            var calls = 0;
            function count() { return ++calls; }
            function square(x) { return x * x; }
            function work(n) {
              if (n % 100 < 10) throw new RangeError('task ' + n + ' raises');
              if (n % 1000 === 10 || n % 1000 === 11) { while (true) {} }
              return n;
            }
            function spin(started) { if (started) started.put('started'); while (true) {} }
            """;

    private static InterpreterPoolExecutor.Builder jsPool(int size) {
        return InterpreterPoolExecutor.builder(Language.JS).size(size).initializer(JS_TASKS).runtime(SharedRuntime.get());
    }

    private static Throwable failureOf(Future<?> future) throws InterruptedException {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    @Test
    void reuseKeepsStateAndFreshStartsEveryTaskClean() throws Exception {
        InterpreterPoolExecutor reuse = jsPool(1).build();
        InterpreterPoolExecutor fresh = jsPool(1).reuse(ReuseMode.FRESH).build();
        try {
            for (int i = 1; i <= 3; i++) {
                assertEquals(i, reuse.submit(PoolTask.call("count")).get().asInt(), "REUSE: one interpreter, its state persists");
                assertEquals(1, fresh.submit(PoolTask.call("count")).get().asInt(), "FRESH: no state carried between tasks");
            }
        } finally {
            reuse.shutdown();
            fresh.shutdown();
            assertTrue(reuse.awaitTermination(30, TimeUnit.SECONDS) && fresh.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void pythonPoolsRunScriptsAndCalls() throws Exception {
        InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.PYTHON).size(2).runtime(SharedRuntime.get())
                .initializer("import math\ndef hyp(a, b):\n    return math.hypot(a, b)").build();
        try {
            assertEquals(5.0, pool.submit(PoolTask.call("hyp", 3, 4)).get().asDouble());
            assertTrue(pool.submit(PoolTask.script("x = 1")).get().isNull());
            Throwable failure = failureOf(pool.submit(PoolTask.call("hyp", "a", 4)));
            assertTrue(failure instanceof ExecutionFailed, "got " + failure);
            assertEquals("TypeError", ((ExecutionFailed) failure).excInfo().type());
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void mapKeepsInputOrder() throws Exception {
        InterpreterPoolExecutor pool = jsPool(2).build();
        try {
            List<Integer> inputs = IntStream.range(0, 500).boxed().toList();
            Iterator<Future<JsonNode>> results = pool.map("square", inputs, 7);
            for (int input : inputs) {
                assertEquals(input * input, results.next().get().asInt());
            }
            assertTrue(!results.hasNext());
        } finally {
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void mapWorksInFreshModeAndAChunkItemThatTimesOutFailsOnlyWhatItMust() throws Exception {
        InterpreterPoolExecutor fresh = jsPool(2).reuse(ReuseMode.FRESH).build();
        InterpreterPoolExecutor limited = jsPool(1).taskTimeLimit(Duration.ofSeconds(2)).build();
        try {
            Iterator<Future<JsonNode>> squares = fresh.map("square", List.of(1, 2, 3, 4, 5), 2);
            for (int i = 1; i <= 5; i++) assertEquals(i * i, squares.next().get(30, TimeUnit.SECONDS).asInt());
            // work(10) loops past the limit: it fails alone; the rest of its chunk runs on a new interpreter
            Iterator<Future<JsonNode>> results = limited.map("work", List.of(50, 10, 51, 52, 53), 3);
            assertEquals(50, results.next().get().asInt());
            assertTrue(failureOf(results.next()) instanceof TimeLimitExceeded);
            assertEquals(51, results.next().get().asInt(), "the rest of the broken chunk is not lost");
            assertEquals(52, results.next().get().asInt());
            assertEquals(53, results.next().get().asInt());
            assertEquals(1, limited.liveInterpreters());
        } finally {
            fresh.shutdown();
            limited.shutdown();
            assertTrue(fresh.awaitTermination(30, TimeUnit.SECONDS) && limited.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void tenThousandTasksEachEndTheirOwnWayAndThePoolKeepsItsSize() throws Exception {
        Set<Thread> threadsBefore = poolAndInterpreterThreads();
        // 2 s: far above what an ordinary task takes, even on a loaded machine (at 100 ms, one did not make it).
        InterpreterPoolExecutor pool = jsPool(2).taskTimeLimit(Duration.ofSeconds(2)).build();
        int tasks = 10_000;
        List<Future<JsonNode>> futures = new ArrayList<>(tasks);
        for (int n = 0; n < tasks; n++) {
            Future<JsonNode> future = pool.submit(PoolTask.call("work", n));
            if (n % 100 == 12) future.cancel(true);   // 1% cancelled
            futures.add(future);
        }
        int ok = 0, raised = 0, timedOut = 0, cancelled = 0;
        for (int n = 0; n < tasks; n++) {
            Throwable failure = failureOf(futures.get(n));
            int kind = n % 100;
            if (kind < 10) {
                assertTrue(failure instanceof ExecutionFailed, n + ": " + failure);
                raised++;
            } else if (n % 1000 == 10 || n % 1000 == 11) {
                assertTrue(failure instanceof TimeLimitExceeded, n + ": " + failure);
                timedOut++;
            } else if (kind == 12) {
                assertTrue(failure instanceof CancellationException, n + ": " + failure);
                cancelled++;
            } else {
                assertEquals(null, failure, "task " + n);
                assertEquals(n, futures.get(n).get().asInt(), "task " + n + " ran once, with its own argument");
                ok++;
            }
        }
        assertEquals(List.of(8_880, 1_000, 20, 100), List.of(ok, raised, timedOut, cancelled));
        assertEquals(2, pool.liveInterpreters(), "the pool is back to full size");
        assertTrue(pool.replacedInterpreters() >= 20, "every interpreter that hit its time limit was replaced: " + pool.replacedInterpreters());
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        // Counts only the threads this pool started: an earlier test's thread may still be ending.
        // Termination is counted down on the last worker thread, just before that thread returns.
        Set<Thread> started = poolAndInterpreterThreads();
        started.removeAll(threadsBefore);
        for (Thread thread : started) thread.join(Duration.ofSeconds(30));
        started.removeIf(thread -> !thread.isAlive());
        assertEquals(Set.of(), started, "no worker or interpreter thread left");
    }

    @Test
    void cancellingARunningTaskStopsTheGuestAndReplacesItsInterpreter() throws Exception {
        InterpreterPoolExecutor pool = jsPool(1).build();
        try {
            dev.subinterp.channel.Queue started = SharedRuntime.get().createQueue(0);
            Future<JsonNode> spinning = pool.submit(PoolTask.call("spin", started));
            started.get(Duration.ofSeconds(30));   // the guest is running
            assertTrue(spinning.cancel(true));
            assertEquals(4, pool.submit(PoolTask.call("square", 2)).get(30, TimeUnit.SECONDS).asInt(), "the next task runs");
            assertEquals(1, pool.replacedInterpreters());
            assertEquals(1, pool.liveInterpreters());
        } finally {
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shutdownRunsQueuedTasksAndShutdownNowReturnsTheOnesThatNeverStarted() throws Exception {
        InterpreterPoolExecutor pool = jsPool(1).build();
        List<Future<JsonNode>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) queued.add(pool.submit(PoolTask.call("square", i)));
        pool.shutdown();
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> pool.submit(PoolTask.call("square", 1)));
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        for (int i = 0; i < 20; i++) assertEquals(i * i, queued.get(i).get().asInt());

        InterpreterPoolExecutor busy = jsPool(1).build();
        dev.subinterp.channel.Queue started = SharedRuntime.get().createQueue(0);
        Future<JsonNode> running = busy.submit(PoolTask.call("spin", started));
        for (int i = 0; i < 5; i++) busy.submit(PoolTask.call("square", i));
        started.get(Duration.ofSeconds(30));
        List<Runnable> never = busy.shutdownNow();
        assertEquals(5, never.size());
        assertTrue(busy.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(failureOf(running) != null, "the running task was stopped");
    }

    @Test
    void invokeAllAndPlainJavaTasksWork() throws Exception {
        InterpreterPoolExecutor pool = jsPool(2).build();
        try {
            List<Future<JsonNode>> all = pool.invokeAll(List.of(PoolTask.call("square", 3), PoolTask.call("square", 4)));
            assertEquals(List.of(9, 16), List.of(all.get(0).get().asInt(), all.get(1).get().asInt()));
            assertEquals("plain java", pool.submit(() -> "plain java").get());
        } finally {
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBrokenInitializerFailsTheBuild() {
        ExecutionFailed e = assertThrows(ExecutionFailed.class,
                () -> InterpreterPoolExecutor.builder(Language.JS).size(1).initializer("this is not js").build());
        assertEquals("SyntaxError", e.excInfo().type());
    }

    @Test
    void aPoolWithItsOwnRuntimeClosesItOnTermination() throws Exception {
        InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.JS).size(1).initializer(JS_TASKS).build();
        assertEquals(9, pool.submit(PoolTask.call("square", 3)).get().asInt());
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
    }

    private static Set<Thread> poolAndInterpreterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("pool-") || t.getName().startsWith("interpreter-")))
                .filter(t -> !InterpreterThreads.isWaitingSpare(t))   // the shared runtime's, made meanwhile
                .collect(Collectors.toCollection(HashSet::new));
    }
}
