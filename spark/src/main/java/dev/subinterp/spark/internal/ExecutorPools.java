package dev.subinterp.spark.internal;

import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.spark.GuestFunction;
import dev.subinterp.spark.GuestFunctionFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The warm pools of this executor JVM, one per guest function, made by the first task that needs one
 * and shared by the tasks after it. Closed when the executor ends ({@code GuestFunctionsPlugin}) or,
 * without the plugin, when the JVM does.
 */
public final class ExecutorPools {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorPools.class);
    private static final Map<GuestFunction, Entry> POOLS = new HashMap<>();
    private static boolean hookAdded;
    private static boolean jitSaid;

    private record Entry(Interpreters runtime, InterpreterPoolExecutor pool) {
    }

    private ExecutorPools() {
    }

    /**
     * The pool of {@code function} on this executor; {@code created} hears (with whether the Graal JIT is
     * on) when this call made it.
     *
     * @throws GuestFunctionFailed when the initializer fails or the description is refused (policy, packages)
     */
    public static synchronized InterpreterPoolExecutor pool(GuestFunction function, Consumer<Boolean> created) {
        Entry entry = POOLS.get(function);
        if (entry != null) return entry.pool();
        entry = start(function);
        POOLS.put(function, entry);
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExecutorPools::closeAll, "subinterp-spark-pools"));
            hookAdded = true;
        }
        boolean jit = entry.runtime().isJitEnabled();
        if (!jitSaid) {
            jitSaid = true;
            if (jit) LOG.info("subinterp: guest functions run with the Graal JIT ({})", entry.runtime().truffleRuntimeName());
            else LOG.warn("subinterp: no Graal JIT on this executor: guest functions run interpreter-only, many times slower "
                    + "(README.md, \"Beyond one machine\", says which executor options turn it on)");
        }
        created.accept(jit);
        return entry.pool();
    }

    private static Entry start(GuestFunction function) {
        Interpreters runtime;
        try {
            runtime = new Interpreters(function.policy())
                    .packages(function.packages().stream().map(Path::of).toArray(Path[]::new));
        } catch (RuntimeException e) {
            throw new GuestFunctionFailed(function.describe() + ": " + e.getMessage());
        }
        try {
            InterpreterPoolExecutor.Builder options = InterpreterPoolExecutor.builder(function.languageValue())
                    .runtime(runtime).initializer(function.initializer()).size(function.workers());
            if (function.timeLimit() != null) options.taskTimeLimit(function.timeLimit());
            return new Entry(runtime, options.build());
        } catch (ExecutionFailed e) {
            runtime.close();
            throw new GuestFunctionFailed(function.describe() + ": the initializer failed:\n" + e.excInfo().traceback());
        } catch (RuntimeException e) {
            runtime.close();
            throw new GuestFunctionFailed(function.describe() + ": its pool did not start: " + e.getMessage());
        }
    }

    /** Stops every pool and closes its runtime (the executor is ending). */
    public static void closeAll() {
        List<Entry> entries;
        synchronized (ExecutorPools.class) {
            entries = new ArrayList<>(POOLS.values());
            POOLS.clear();
        }
        for (Entry entry : entries) {
            entry.pool().shutdownNow();
            try {
                entry.pool().awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            entry.runtime().close();
        }
    }

    /** How many pools this JVM holds (for tests and the executor's log). */
    public static synchronized int size() {
        return POOLS.size();
    }
}
