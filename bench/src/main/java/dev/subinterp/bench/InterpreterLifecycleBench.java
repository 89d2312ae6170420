package dev.subinterp.bench;

import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * A new interpreter on a runtime that already runs: create, exec one statement, close. The runtime's
 * shared engine keeps the language's code and what the JIT compiled, as CPython keeps its own.
 * CPython's figure: {@code interpreters.create(); interp.exec('x = 1'); interp.close()}. This is the
 * whole cost, paid on the caller's thread: the runtime makes no interpreters ahead of demand here
 * ({@link SpareInterpreterBench} times what a caller waits for when it does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InterpreterLifecycleBench {
    @Param({"python", "js"})
    public String lang;

    private Interpreters runtime;
    private Language language;

    @Setup
    public void startRuntime() {
        runtime = new Interpreters().spares(0);
        language = Language.fromName(lang);
    }

    @Benchmark
    public boolean createExecClose() {
        return createExecClose(runtime, language);
    }

    /** What both this benchmark and {@link SpareInterpreterBench} time. */
    static boolean createExecClose(Interpreters runtime, Language language) {
        try (Interpreter interpreter = runtime.create(language)) {
            interpreter.exec(language == Language.PYTHON ? "x = 1" : "var x = 1;");
            return interpreter.isRunning();
        }
    }

    @TearDown
    public void closeRuntime() {
        runtime.close();
    }
}
