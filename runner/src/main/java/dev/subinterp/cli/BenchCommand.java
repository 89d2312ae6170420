package dev.subinterp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.channel.Queue;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.PoolTask;
import dev.subinterp.pool.ReuseMode;
import dev.subinterp.transform.BuiltinTransform;
import dev.subinterp.transform.GuestTransform;
import dev.subinterp.transform.JsonTreeTransform;
import dev.subinterp.transform.SourceTransform;
import dev.subinterp.transform.Transform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code runner bench queues|pool}: figures measured the way {@code scripts/bench/queues.py} and
 * {@code scripts/bench/pool.py} measure CPython (same guest code, same sizes), after warm-up rounds so
 * that the JIT has compiled the loops. Prints one JSON object.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"queues: round trips, messages/s and MB/s between two Python interpreters.",
                "pool: trivial tasks/s (REUSE and FRESH) and the speed-up of 2 workers over 1 on a CPU-bound task.",
                "transforms: warm milliseconds to parse, transform and print (Python: and compile) a 1,000-line Python and JS file."})
final class BenchCommand implements Callable<Integer> {
    private static final Map<String, Object> SMALL = Map.of("id", 7, "name", "small message",
            "tags", java.util.List.of("a", "b"), "ok", true);

    @Parameters(index = "0", paramLabel = "queues|pool|transforms", description = "What to measure.")
    String what;

    @Option(names = "--fixtures", paramLabel = "DIR", description = "The benchmark programs (default: test-fixtures/bench).")
    Path fixtures = Path.of("test-fixtures", "bench");

    @Option(names = "--warmups", description = "Unmeasured repetitions first, for the JIT (default: 4).")
    int warmups = 4;

    @Option(names = "--policy", paramLabel = "NAME|FILE", description = "The policy the interpreters run under (default: default).")
    String policy;

    private Interpreters runtime() {
        return new Interpreters(policy == null ? dev.subinterp.policy.PolicyLoader.defaultPolicy()
                : dev.subinterp.policy.PolicyLoader.presetOrFile(policy));
    }

    private final PrintStream out;

    BenchCommand(Streams streams) {
        this.out = streams.out();
    }

    @Override
    public Integer call() throws Exception {
        switch (what) {
            case "queues" -> queues();
            case "pool" -> pool();
            case "transforms" -> transforms();
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "unknown benchmark '" + what + "'; use queues, pool or transforms");
        }
        return ExitCodes.OK;
    }

    private void pool() throws Exception {
        String tasks = read("pool_tasks.py");
        try (Interpreters runtime = runtime()) {
            double reuse = tasksPerSecond(pool(runtime, tasks, 2, ReuseMode.REUSE), 5_000);
            double fresh = tasksPerSecond(pool(runtime, tasks, 2, ReuseMode.FRESH), 20);
            double one = burnSeconds(pool(runtime, tasks, 1, ReuseMode.REUSE));
            double two = burnSeconds(pool(runtime, tasks, 2, ReuseMode.REUSE));
            ObjectNode result = new ObjectMapper().createObjectNode();
            result.put("system", "subinterp GraalPy pool, JIT " + (runtime.isJitEnabled() ? "on" : "off"));
            result.put("trivial_tasks_per_s", Math.round(reuse));
            result.put("fresh_tasks_per_s", Math.round(fresh * 10) / 10.0);
            result.put("speedup_2_over_1", Math.round(one / two * 100) / 100.0);
            out.println(result);
        }
    }

    private static InterpreterPoolExecutor pool(Interpreters runtime, String tasks, int size, ReuseMode mode) {
        return InterpreterPoolExecutor.builder(Language.PYTHON).runtime(runtime).size(size).reuse(mode).initializer(tasks).build();
    }

    /** Trivial tasks per second, measured after warm-up rounds; shuts the pool down. */
    private double tasksPerSecond(InterpreterPoolExecutor pool, int tasks) throws Exception {
        return tasks / warmSeconds(pool, PoolTask.call("noop"), tasks);
    }

    /** Seconds for 8 CPU-bound tasks, after warm-up; shuts the pool down. */
    private double burnSeconds(InterpreterPoolExecutor pool) throws Exception {
        return warmSeconds(pool, PoolTask.call("burn", 2_000_000), 8);
    }

    /** Seconds to run {@code task} {@code times} over, in the last of the warm-up repetitions. */
    private double warmSeconds(InterpreterPoolExecutor pool, PoolTask task, int times) throws Exception {
        double seconds = 0;
        for (int rep = 0; rep <= warmups; rep++) {
            long start = System.nanoTime();
            java.util.List<java.util.concurrent.Future<JsonNode>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < times; i++) futures.add(pool.submit(task));
            for (java.util.concurrent.Future<JsonNode> future : futures) future.get();
            seconds = (System.nanoTime() - start) / 1e9;
        }
        pool.shutdown();
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        return seconds;
    }

    private void queues() throws Exception {
        try (Interpreters runtime = runtime()) {
            Queue ping = runtime.createQueue(0);
            Queue pong = runtime.createQueue(0);
            try (Interpreter driver = runtime.create(Language.PYTHON); Interpreter echo = runtime.create(Language.PYTHON)) {
                for (Interpreter interp : new Interpreter[]{driver, echo}) {
                    interp.prepareMain(Map.of("ping", ping, "pong", pong));
                }
                driver.exec(read("queue_driver.py"), "queue_driver.py");
                echo.exec(read("queue_echo.py"), "queue_echo.py");
                JsonNode mib = driver.call("make_bytes", 1 << 20);
                double roundTrip = 0, oneWay = 0, blobs = 0;
                for (int rep = 0; rep <= warmups; rep++) {
                    roundTrip = timed(echo, "echo", 2_000, driver, "round_trip", SMALL);
                    oneWay = timed(echo, "sink", 20_000, driver, "one_way", SMALL);
                    blobs = timed(echo, "sink", 100, driver, "one_way", mib);
                }
                ObjectNode result = new ObjectMapper().createObjectNode();
                result.put("system", "subinterp GraalPy, JIT " + (runtime.isJitEnabled() ? "on" : "off"));
                result.put("round_trip_us", Math.round(roundTrip * 1e7) / 10.0);
                result.put("messages_per_s", Math.round(20_000 / oneWay));
                result.put("mib_mb_per_s", Math.round(100 * (1 << 20) / blobs / 1e5) / 10.0);
                out.println(result);
            }
        }
    }

    /**
     * Per language, the median warm time of {@link SourceTransform#apply} on the 1,000-line file with: no
     * transform, the swap_add_sub transform file (guest code), a Java transform over the JSON form, and the
     * loop-budget built-in.
     */
    private void transforms() throws Exception {
        ObjectNode result = new ObjectMapper().createObjectNode();
        try (Interpreters runtime = runtime()) {
            result.put("system", "subinterp, JIT " + (runtime.isJitEnabled() ? "on" : "off"));
            for (Language language : Language.values()) {
                String extension = language == Language.PYTHON ? ".py" : ".js";
                String source = read("thousand_lines" + extension);
                Map<String, Transform> chains = new LinkedHashMap<>();
                chains.put("parse_print", null);
                chains.put("guest_transform", GuestTransform.fromFile(
                        fixtures.resolve("..").resolve("transforms").resolve("swap_add_sub" + extension)));
                chains.put("java_json_transform", new JsonTreeTransform("identity", tree -> tree));
                chains.put("loop_budget", BuiltinTransform.loopBudget());
                ObjectNode row = result.putObject(language.id());
                row.put("lines", source.lines().count());
                for (var chain : chains.entrySet()) {
                    var builder = SourceTransform.builder(runtime, language);
                    if (chain.getValue() != null) {
                        builder.then(chain.getValue());
                    }
                    try (var transform = builder.build()) {
                        row.put(chain.getKey() + "_ms", medianMillis(() -> transform.apply(source, "thousand_lines" + extension), warmups * 5, 11));
                    }
                }
            }
        }
        out.println(result);
    }

    private static double medianMillis(Runnable work, int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            work.run();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return Math.round(millis[runs / 2] * 10) / 10.0;
    }

    /** Starts the echo side, runs the driver's measurement, and returns its result in seconds. */
    private static double timed(Interpreter echo, String mode, int n, Interpreter driver, String measurement, Object message) {
        CompletableFuture<JsonNode> peer = echo.callInThread(mode, n);
        double seconds = driver.call(measurement, n, message).asDouble();
        peer.join();
        return seconds;
    }

    private String read(String name) throws IOException {
        return Files.readString(fixtures.resolve(name));
    }
}
