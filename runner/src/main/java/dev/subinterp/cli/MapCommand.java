package dev.subinterp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.TextFiles;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.MapLines;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code runner map}: calls a guest function on every line of a JSON Lines file, in parallel on a
 * pool of warm interpreters, and writes one result (or error object) per line, in input order.
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Run a function over each JSON line of INPUT in parallel interpreters; print one JSON result "
                + "(or {\"error\": ...}) per line, in input order, and a summary on stderr.",
                "Exit codes: 0 every line succeeded, 1 some failed or timed out, 2 usage or configuration error."})
final class MapCommand implements Callable<Integer> {
    @Option(names = "--lang", required = true, paramLabel = "python|js", description = "The language of the function.")
    String lang;

    @Option(names = "--init", required = true, paramLabel = "FILE", description = "Source run once in each worker: it defines the function.")
    Path init;

    @Option(names = "--function", required = true, paramLabel = "NAME", description = "The function to call with each line's value.")
    String function;

    @Option(names = "--workers", paramLabel = "N", description = "Worker interpreters (default: available processors).")
    Integer workers;

    @Option(names = "--policy", paramLabel = "NAME|FILE", description = "A preset or policy file (default: default).")
    String policy;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time limit per line, like 500ms or 2s.")
    Duration timeout;

    @picocli.CommandLine.Mixin
    PackagesOption packages;

    @Option(names = "--chunk", paramLabel = "N", description = "Lines handed to a worker at a time (default: 16).")
    int chunk = 16;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run as an Apache Spark job: local[N] in this process, or a cluster's master URL "
                    + "(Spark on the class path: scripts/runner adds the build's or $SPARK_HOME's). --workers is then per executor.")
    String spark;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "With --spark: a Spark setting, as spark-submit's --conf "
            + "(e.g. spark.executor.extraJavaOptions=...); repeatable.")
    java.util.Map<String, String> sparkConf = new java.util.LinkedHashMap<>();

    @Option(names = "--output", paramLabel = "DIR", description = "With --spark: write Spark's text output (part files) into DIR, "
            + "which must not exist, instead of printing the results.")
    String output;

    @Parameters(index = "0", paramLabel = "INPUT.jsonl", description = "One JSON value per line; - for standard input.")
    String input;

    private final Streams streams;

    MapCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        PrintStream err = streams.err();
        if (spark != null || output != null || !sparkConf.isEmpty()) {
            if (spark == null) {
                err.println("runner map: --output and --spark-conf go with --spark MASTER");
                return ExitCodes.USAGE;
            }
            try {
                return SparkMap.run(new SparkMap.Request(spark, sparkConf, output, Language.fromName(lang), init, function, workers,
                        policy, timeout, packages.resolved(streams.host()), chunk, input), streams);
            } catch (IllegalArgumentException e) {
                err.println("runner map: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        Language language;
        String initializer;
        List<MapLines.Line> lines;
        try {
            language = Language.fromName(lang);
            initializer = TextFiles.read(init);
            try (InputStream in = input.equals("-") ? streams.in() : Files.newInputStream(regularFile(Path.of(input)))) {
                lines = JsonLines.read(in);
            }
        } catch (FileSystemException e) {
            err.println("runner map: " + e.getFile() + ": " + TextFiles.reason(e));
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException | IOException e) {
            err.println("runner map: " + (e instanceof IOException ? "cannot read: " + TextFiles.reason((IOException) e) : e.getMessage()));
            return ExitCodes.USAGE;
        }
        InterpreterPoolExecutor.Builder options = InterpreterPoolExecutor.builder(language).initializer(initializer);
        try {
            options.policy(policy == null ? PolicyLoader.defaultPolicy() : PolicyLoader.presetOrFile(policy));
        } catch (PolicyException e) {
            err.println("runner map: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Path[] packageDirs = packages.resolved(streams.host());
        options.configure(interpreter -> interpreter.packages(packageDirs));
        if (workers != null) options.size(workers);
        if (timeout != null) options.taskTimeLimit(timeout);
        InterpreterPoolExecutor pool;
        try {
            pool = options.build();
        } catch (IllegalArgumentException | PolicyException e) {
            err.println("runner map: --packages: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ExecutionFailed e) {
            err.print("runner map: the initializer failed:\n" + e.excInfo().traceback());
            return ExitCodes.USAGE;
        }
        Summary summary = new Summary();
        try (ProgressBar bar = progressBar(lines.size())) {
            List<JsonNode> values = new ArrayList<>();
            for (MapLines.Line line : lines) if (line.value() != null) values.add(line.value());
            Iterator<Future<JsonNode>> results = pool.map(function, values, chunk);
            // JSON Lines are UTF-8 whatever the locale's encoding (which may turn non-ASCII into '?').
            PrintStream out = new PrintStream(streams.out(), false, StandardCharsets.UTF_8);
            for (MapLines.Line line : lines) {
                if (line.value() == null) {
                    MapLines.Outcome failure = line.failure();
                    summary.count(failure.status());
                    out.println(failure.line());
                } else {
                    out.println(outcome(results.next(), line.number(), summary));
                }
                if (bar != null) bar.step();
            }
            out.flush();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.printf("runner map: %d done, %d failed, %d timed out, %d lines in %.1f s (%.0f lines/s)%n",
                summary.done, summary.failed, summary.timedOut, lines.size(), seconds, lines.size() / seconds);
        return summary.failed + summary.timedOut == 0 ? ExitCodes.OK : ExitCodes.GUEST_ERROR;
    }

    private static String outcome(Future<JsonNode> result, long lineNumber, Summary summary) throws InterruptedException {
        MapLines.Outcome outcome = MapLines.outcome(result, lineNumber);
        summary.count(outcome.status());
        return outcome.line();
    }

    /**
     * {@code path} if it is a regular file or does not exist (reading says so): a FIFO or a device may
     * never end. (Input is streamed line by line, so unlike {@link TextFiles} it has no size bound.)
     */
    private static Path regularFile(Path path) throws FileSystemException {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new FileSystemException(path.toString(), null, "not a regular file");
        }
        return path;
    }

    /** A progress bar with rate and ETA on stderr, only when stderr is a terminal. */
    private ProgressBar progressBar(int total) {
        if (streams.err() != System.err || !stderrIsTerminal()) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("map").setInitialMax(total).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static final class Summary {
        int done;
        int failed;
        int timedOut;

        void count(MapLines.Status status) {
            switch (status) {
                case DONE -> done++;
                case FAILED -> failed++;
                case TIMED_OUT -> timedOut++;
            }
        }
    }
}
