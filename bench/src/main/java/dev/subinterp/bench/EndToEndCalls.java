package dev.subinterp.bench;

import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.plugin.PluginHost;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.PoolTask;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Calls timed the way an application makes them, outside JMH: one caller thread, each call waited
 * for, every call timed on its own, after a warm-up of {@code WARM_UP} calls. Prints, per kind of call,
 * the median, p90 and p99 of each of {@code ROUNDS} rounds. JMH's figures for the same calls come after
 * 30 s of warm-up, averaged over a tight loop; these say what one call costs in an application.
 *
 * <pre>RUNNER_MAIN=dev.subinterp.bench.EndToEndCalls RUNNER_CLASSPATH="bench/target/classes:bench/target/lib/*" scripts/runner</pre>
 */
public final class EndToEndCalls {
    private static final int WARM_UP = 20_000;
    private static final int ROUNDS = 3;
    private static final int CALLS_PER_ROUND = 10_000;

    private EndToEndCalls() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("jit: " + (probeJit() ? "on" : "off"));
        try (Interpreters runtime = new Interpreters();
             Interpreter py = runtime.create(Language.PYTHON);
             InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.PYTHON).runtime(runtime).size(1).build()) {
            py.exec("def identity(x):\n    return x\n"
                    + "def loop(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n");
            hotLoop(py);
            PoolTask pass = PoolTask.script("pass");
            measure("Interpreter.call(\"identity\", 1), Python", () -> py.call("identity", 1));
            measure("pool.submit(PoolTask.script(\"pass\")).get(), Python, 1 worker", () -> pool.submit(pass).get());
        }
        idlePoolShutdown();
        Path plugins = Files.createTempDirectory("end-to-end");
        Path greeter = Files.createDirectories(plugins.resolve("greeter"));
        Files.writeString(greeter.resolve("plugin.json"), "{\"name\": \"greeter\", \"version\": \"1\", \"language\": \"js\","
                + " \"entry\": \"greeter.js\", \"exports\": [\"greet\"], \"poolSize\": 1}");
        Files.writeString(greeter.resolve("greeter.js"), "function greet(name) { return 'Hello, ' + name + '!'; }");
        try (PluginHost host = PluginHost.builder().build()) {
            host.load(greeter);
            measure("PluginHost.call(\"greeter\", \"greet\", \"Ada\"), JS, pool of 1", () -> host.call("greeter", "greet", "Ada"));
        } finally {
            Files.delete(greeter.resolve("greeter.js"));
            Files.delete(greeter.resolve("plugin.json"));
            Files.delete(greeter);
            Files.delete(plugins);
        }
    }

    /** What the JIT is worth on hot guest code: the same loop of 3 million iterations, called 10 times. */
    private static void hotLoop(Interpreter py) {
        StringBuilder millis = new StringBuilder();
        for (int call = 0; call < 10; call++) {
            long start = System.nanoTime();
            py.call("loop", 3_000_000);
            millis.append(call == 0 ? "" : ", ").append((System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("Python loop of 3,000,000 iterations, 10 calls, ms each: " + millis);
    }

    /** How long shutdown() and awaitTermination() of an idle pool of 2 take, 10 times. */
    private static void idlePoolShutdown() throws InterruptedException {
        StringBuilder millis = new StringBuilder();
        try (Interpreters runtime = new Interpreters()) {
            for (int round = 0; round < 10; round++) {
                InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.JS).runtime(runtime).size(2).build();
                long start = System.nanoTime();
                pool.shutdown();
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
                millis.append(round == 0 ? "" : ", ").append(String.format("%.1f", (System.nanoTime() - start) / 1e6));
            }
        }
        System.out.println("idle pool of 2: shutdown() + awaitTermination(), 10 times, ms each: " + millis);
    }

    private static boolean probeJit() {
        try (Interpreters runtime = new Interpreters()) {
            return runtime.isJitEnabled();
        }
    }

    private static void measure(String what, Callable<?> call) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            call.call();
        }
        System.out.println(what + ", after " + WARM_UP + " calls of warm-up:");
        for (int round = 1; round <= ROUNDS; round++) {
            long[] nanos = new long[CALLS_PER_ROUND];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                call.call();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("  round %d: median %.1f us, p90 %.1f us, p99 %.1f us, mean %.1f us%n", round,
                    nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 9 / 10] / 1e3, nanos[nanos.length * 99 / 100] / 1e3,
                    Arrays.stream(nanos).average().orElse(0) / 1e3);
        }
    }
}
