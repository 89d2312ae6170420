package dev.subinterp.bench;

import dev.subinterp.interpreter.Interpreters;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * Our side of {@code make bench}: runs the JMH benchmarks of this module and the interpreter footprint,
 * and writes every figure as a line of JSON ({@link Figure}). Run it through scripts/runner
 * (RUNNER_MAIN) so that it and JMH's forked JVMs have the Graal JIT on, as users' code would.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "In-process figures of the library (JMH) as JSON lines.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "Where the JSON lines go (default: target/bench/raw/subinterp.jsonl).")
    Path out = Path.of("target", "bench", "raw", "subinterp.jsonl");

    @Option(names = "--quick", description = "One short iteration of each benchmark in this JVM, small sizes: checks that they run, measures nothing.")
    boolean quick;

    @Option(names = "--include", paramLabel = "REGEX", description = "Only the JMH benchmarks whose name matches (default: all).")
    String include = "dev\\.subinterp\\.bench\\..*";

    @Option(names = "--no-footprint", description = "Leave out the interpreter footprint (create 1, 8, 32, 64).")
    boolean noFootprint;

    @Option(names = "--no-worker-footprint", description = "Leave out the worker JVM's cold start and memory (process isolation).")
    boolean noWorkerFootprint;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException, RunnerException {
        String system = systemName();
        List<Figure> figures = new ArrayList<>();
        if (!noWorkerFootprint) {   // first: its first worker must start from nothing (JMH's forks have workers of their own)
            new WorkerFootprint(system, quick ? 500 : 3_000).run(figures::add);
        }
        figures.addAll(figuresOf(new Runner(options().build()).run(), system));
        if (!noFootprint) {
            new InterpreterFootprint(quick ? List.of(1, 2) : List.of(1, 8, 32, 64), system).run(figures::add);
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
            figures.forEach(figure -> writer.println(figure.toJson()));
        }
        System.out.println("bench: " + figures.size() + " figures in " + out);
        return 0;
    }

    private ChainedOptionsBuilder options() {
        ChainedOptionsBuilder options = new OptionsBuilder().include(include).shouldFailOnError(true);
        if (quick) {
            return options.forks(0).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(100)).param("size", "16", "1048576");
        }
        // JMH's forks run with this JVM's options (the JIT's) and class path.
        // Warm-up is long: on 2 cores the Graal JIT takes 20-30 s to compile the hot paths of GraalPy.
        return options.forks(1).warmupIterations(15).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2));
    }

    /** Names our side in the table: the pinned GraalVM version and whether the JIT is on (it is unless RUNNER_JIT=off). */
    private static String systemName() throws IOException {
        Properties build = new Properties();
        try (var in = BenchMain.class.getResourceAsStream("bench.properties")) {
            build.load(in);
        }
        try (Interpreters runtime = new Interpreters()) {
            return "subinterp, GraalVM " + build.getProperty("graalvm") + ", JIT " + (runtime.isJitEnabled() ? "on" : "off");
        }
    }

    /**
     * The median of the measured iterations rather than JMH's mean: on 2 cores one iteration in five
     * may meet a collection or a recompilation and take twice as long, which moves a mean by 20%.
     */
    private static double median(Result<?> result) {
        return result.getStatistics().getPercentile(50);
    }

    /** "QueueRoundTripBench.smallMessage" of "dev.subinterp.bench.QueueRoundTripBench.smallMessage". */
    private static String classAndMethod(String benchmark) {
        int methodDot = benchmark.lastIndexOf('.');
        return benchmark.substring(benchmark.lastIndexOf('.', methodDot - 1) + 1);
    }

    /** JMH's results as figures; the speed-up of 2 workers over 1 is derived from the two runs. */
    static List<Figure> figuresOf(Collection<RunResult> results, String system) {
        List<Figure> figures = new ArrayList<>();
        Map<String, Double> burnMillis = new HashMap<>();
        for (RunResult run : results) {
            var params = run.getParams();
            String name = classAndMethod(params.getBenchmark());
            double score = median(run.getPrimaryResult());
            switch (name) {
                case "InterpreterLifecycleBench.createExecClose" ->
                        figures.add(Figure.ours("interp_create_" + params.getParam("lang") + "_ms", system, null, score, "ms"));
                case "SpareInterpreterBench.createExecCloseWithSpareReady" ->
                        figures.add(Figure.ours("interp_create_spare_" + params.getParam("lang") + "_ms", system, null, score, "ms"));
                case "TrivialTaskBench.pooledTask" -> figures.add(Figure.ours("trivial_task_us", system, null, score, "us"));
                case "TrivialTaskBench.execPass" -> figures.add(Figure.ours("exec_pass_us", system, null, score, "us"));
                case "QueueRoundTripBench.smallMessage" -> figures.add(params.getParam("message").equals("dict")
                        ? Figure.ours("small_round_trip_us", system, null, score, "us")
                        : Figure.ours("round_trip_" + params.getParam("message") + "_us", system, null, score, "us"));
                case "QueueThroughputBench.oneWay" -> {
                    Map<String, Result> counters = run.getSecondaryResults();
                    String size = params.getParam("size");
                    figures.add(Figure.ours("queue_mb_per_s", system, size, median(counters.get("bytes")) / 1e6, "MB/s"));
                    figures.add(Figure.ours("queue_messages_per_s", system, size, median(counters.get("messages")), "messages/s"));
                }
                case "ParallelSpeedupBench.eightBurns" -> {
                    burnMillis.put(params.getParam("workers"), score);
                    figures.add(Figure.ours("eight_burns_ms", system, params.getParam("workers"), score, "ms"));
                }
                case "ProcessIsolationBench.smallRoundTrip" -> figures.add(Figure.ours("process_call_round_trip_us", system, null, score, "us"));
                case "ProcessIsolationBench.smallRoundTripInProcess" -> figures.add(Figure.ours("host_call_round_trip_us", system, null, score, "us"));
                case "ProcessIsolationBench.oneMiBIn" ->   // ms per call of 1 MiB: bytes per us are MB/s
                        figures.add(Figure.ours("process_call_mb_per_s", system, Integer.toString(ProcessIsolationBench.MIB),
                                ProcessIsolationBench.MIB / (score * 1000), "MB/s"));
                case "ProcessIsolationBench.createClose" -> figures.add(Figure.ours("process_create_close_ms", system, null, score, "ms"));
                case "ProcessIsolationBench.create" -> figures.add(Figure.ours("process_create_ms", system, null, score, "ms"));
                default -> throw new IllegalStateException("no figure defined for benchmark " + name);
            }
        }
        if (burnMillis.containsKey("1") && burnMillis.containsKey("2")) {
            figures.add(Figure.ours("speedup_2_over_1", system, null, burnMillis.get("1") / burnMillis.get("2"), "x"));
        }
        return figures;
    }
}
