package dev.subinterp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.PoolTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one trivial piece of work on an interpreter that is already warm: a task submitted to a
 * one-worker pool and waited for, and {@code exec("pass")} called directly. CPython's figure: a
 * subinterpreter's {@code exec('pass')}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TrivialTaskBench {
    private static final PoolTask PASS = PoolTask.script("pass");

    private Interpreters runtime;
    private InterpreterPoolExecutor pool;
    private Interpreter interpreter;

    @Setup
    public void start() {
        runtime = new Interpreters();
        pool = InterpreterPoolExecutor.builder(Language.PYTHON).runtime(runtime).size(1).build();
        interpreter = runtime.create(Language.PYTHON);
    }

    @Benchmark
    public JsonNode pooledTask() throws InterruptedException, ExecutionException {
        return pool.submit(PASS).get();
    }

    @Benchmark
    public void execPass() {
        interpreter.exec("pass");
    }

    @TearDown
    public void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        interpreter.close();
        runtime.close();
    }
}
