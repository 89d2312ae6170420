package dev.subinterp.bench;

import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * What an application that creates an interpreter per request waits for: create, exec one statement,
 * close, when the runtime had time between requests to make the next interpreter ahead of demand
 * ({@link Interpreters#spares(int)}). The making is not timed (it happens between requests, on an idle
 * core); {@link InterpreterLifecycleBench} times it, without spares.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SpareInterpreterBench {
    /** A spare waits up to 10 s for an idle core, then is given up until the next create asks again. */
    private static final long ASK_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(11);

    @Param({"python", "js"})
    public String lang;

    private Interpreters runtime;
    private Language language;

    @Setup
    public void startRuntime() {
        runtime = new Interpreters().spares(1);
        language = Language.fromName(lang);
        // One closed, then one created: from now on the runtime makes the next one ahead of demand.
        runtime.create(language).close();
        runtime.create(language).close();
    }

    /** Between requests: waits until the next interpreter is ready. */
    @Setup(Level.Invocation)
    public void awaitSpare() throws InterruptedException {
        long askedAt = System.nanoTime();
        while (runtime.readySpares(language) == 0) {
            if (System.nanoTime() - askedAt > ASK_AGAIN_NANOS) {
                runtime.create(language).close();
                askedAt = System.nanoTime();
            }
            Thread.sleep(1);
        }
    }

    @Benchmark
    public boolean createExecCloseWithSpareReady() {
        return InterpreterLifecycleBench.createExecClose(runtime, language);
    }

    @TearDown
    public void closeRuntime() {
        runtime.close();
    }
}
