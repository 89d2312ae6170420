package dev.subinterp.cli;

import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import dev.subinterp.policy.TextFiles;
import dev.subinterp.spark.GuestCounters;
import dev.subinterp.spark.GuestFunction;
import dev.subinterp.spark.GuestFunctionFailed;
import dev.subinterp.spark.JsonLinesJob;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code runner map --spark MASTER}: the same map as Spark job (the {@code spark} module), printing
 * the same lines and the same summary, and a line about Spark's share.
 */
final class SparkMap {
    private SparkMap() {
    }

    /** The spark options of {@code runner map}, and what they take from the others. */
    record Request(String master, java.util.Map<String, String> sparkConf, String output, Language language, Path init, String function, Integer workers,
                   String policy, Duration timeout, Path[] packages, int chunk, String input) {
    }

    static int run(Request request, Streams streams) {
        PrintStream err = streams.err();
        GuestFunction function;
        String input;
        try {
            SandboxPolicy policy = request.policy() == null ? PolicyLoader.defaultPolicy() : PolicyLoader.presetOrFile(request.policy());
            GuestFunction.Builder options = GuestFunction.builder(request.language(), request.function())
                    .initializer(TextFiles.read(request.init())).policy(policy).chunk(request.chunk())
                    .workersPerExecutor(request.workers() == null ? Runtime.getRuntime().availableProcessors() : request.workers())
                    .packages(java.util.Arrays.stream(request.packages()).map(Path::toString).toArray(String[]::new));
            if (request.timeout() != null) options.taskTimeLimit(request.timeout());
            function = options.build();
            input = inputFor(request.input());
        } catch (FileSystemException e) {
            err.println("runner map: " + e.getFile() + ": " + TextFiles.reason(e));
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("runner map: cannot read: " + TextFiles.reason(e));
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException | PolicyException e) {
            err.println("runner map: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        quietSparkLogs();
        JsonLinesJob.Result result;
        try {
            String output = request.output() == null ? null : Path.of(request.output()).toAbsolutePath().toString();
            result = JsonLinesJob.run(request.master(), request.sparkConf(), function, input, streams.in(), streams.out(), output);
        } catch (NoClassDefFoundError e) {
            err.println("runner map --spark: Spark is not on the class path (missing " + e.getMessage() + "); run through "
                    + "scripts/runner, which adds the build's Spark (spark/target/spark.classpath) or $SPARK_HOME/jars");
            return ExitCodes.USAGE;
        } catch (GuestFunctionFailed e) {
            err.println("runner map: " + e.getMessage().stripTrailing());
            return ExitCodes.USAGE;
        } catch (Exception e) {   // (also Spark's SparkException, which its Scala methods do not declare)
            err.println("runner map --spark: " + firstLine(e));
            return ExitCodes.USAGE;
        }
        GuestCounters.Snapshot counted = result.counters();
        double seconds = result.total().toNanos() / 1e9;
        err.printf("runner map: %d done, %d failed, %d timed out, %d lines in %.1f s (%.0f lines/s)%n",
                counted.done(), counted.failed(), counted.timedOut(), result.lines(), seconds, result.lines() / seconds);
        err.printf("runner map: Spark %s: started in %.1f s; %d pool(s) made on executors, %d without the Graal JIT%n",
                request.master(), result.sparkStartup().toNanos() / 1e9, counted.poolsCreated(), counted.interpreterOnlyPools());
        return counted.unsuccessful() == 0 ? ExitCodes.OK : ExitCodes.GUEST_ERROR;
    }

    /** A local path made absolute (and refused as runner map refuses it); a URL or {@code -} as it is. */
    private static String inputFor(String input) throws FileSystemException {
        if (input.equals("-") || input.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) return input;
        Path path = Path.of(input).toAbsolutePath();
        if (!Files.exists(path)) throw new FileSystemException(input, null, "No such file or directory");
        if (!Files.isRegularFile(path)) throw new FileSystemException(input, null, "not a regular file");
        return path.toString();
    }

    /** Spark's own log lines off, unless the user chose a configuration: the CLI reports what went wrong itself. */
    private static void quietSparkLogs() {
        URL quiet = SparkMap.class.getResource("log4j2-spark.properties");
        if (System.getProperty("log4j2.configurationFile") == null && quiet != null) {
            System.setProperty("log4j2.configurationFile", quiet.toString());
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
