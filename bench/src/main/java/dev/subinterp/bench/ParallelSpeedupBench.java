package dev.subinterp.bench;

import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.PoolTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Eight CPU-bound Python tasks (pool_tasks.py's burn) on a pool of 1 or 2 workers, each worker its own
 * interpreter on its own thread: the speed-up of 2 over 1 is how well interpreters run in parallel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParallelSpeedupBench {
    static final int TASKS = 8;
    /**
     * 25 times CPython's 2,000,000 (scripts/bench/pool.py): compiled, the loop runs about 50 times faster
     * than CPython's, and a task must take some 50 ms for the speed-up to measure running in parallel
     * rather than the hand-off of each task.
     */
    static final int BURN = 50_000_000;

    @Param({"1", "2"})
    public int workers;

    private Interpreters runtime;
    private InterpreterPoolExecutor pool;

    @Setup
    public void start() {
        runtime = new Interpreters();
        pool = InterpreterPoolExecutor.builder(Language.PYTHON).runtime(runtime).size(workers)
                .initializer(Fixtures.read("pool_tasks.py")).build();
    }

    @Benchmark
    public long eightBurns() throws InterruptedException, ExecutionException {
        List<Future<com.fasterxml.jackson.databind.JsonNode>> results = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) results.add(pool.submit(PoolTask.call("burn", BURN)));
        long total = 0;
        for (Future<com.fasterxml.jackson.databind.JsonNode> result : results) total += result.get().asLong();
        return total;
    }

    @TearDown
    public void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        runtime.close();
    }
}
