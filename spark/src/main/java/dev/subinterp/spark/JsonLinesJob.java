package dev.subinterp.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A whole map over a JSON Lines file as one Spark application ({@code runner map --spark}): starts a
 * session on {@code master}, reads the input's lines as bytes (split on {@code \n} only, as
 * {@code runner map} splits them, so a line that is not UTF-8 gets the same error), maps them and
 * either streams the results to a stream in input order (one partition at a time) or writes Spark's text
 * output (part files) into a directory.
 */
public final class JsonLinesJob {
    /** What the job did: its counters, and how long Spark's own start-up and the whole job took. */
    public record Result(GuestCounters.Snapshot counters, Duration sparkStartup, Duration total) {
        /** The non-blank lines read, as {@code runner map} counts them. */
        public long lines() {
            return counters.done() + counters.unsuccessful();
        }
    }

    private JsonLinesJob() {
    }

    /**
     * Runs the job, with {@code sparkConf} as {@code spark-submit --conf} settings. {@code input} is a path or URL Spark can read, or {@code -} for {@code stdin}; with
     * {@code outputDirectory} null the results go to {@code out}.
     *
     * @throws GuestFunctionFailed when the function cannot run (its initializer failed)
     * @throws org.apache.spark.SparkException (undeclared, as Spark's own methods throw it) and Spark's runtime
     *         exceptions for a job Spark refused or failed for another reason
     */
    public static Result run(String master, java.util.Map<String, String> sparkConf, GuestFunction function, String input, InputStream stdin,
                             OutputStream out, String outputDirectory) throws IOException {
        long started = System.nanoTime();
        SparkSession.Builder builder = SparkSession.builder().master(master).appName("runner map " + function.function());
        if (System.getProperty("spark.ui.enabled") == null) builder.config("spark.ui.enabled", "false");
        if (System.getProperty("spark.plugins") == null) builder.config("spark.plugins", GuestFunctionsPlugin.NAME);
        sparkConf.forEach(builder::config);   // the caller's settings win
        SparkSession spark = null;
        try {
            spark = builder.getOrCreate();
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            JavaRDD<byte[]> lines = input.equals("-") ? context.parallelize(readLines(stdin)) : lines(context, input);
            GuestMap map = GuestMap.of(spark, function);
            JavaRDD<String> results = map.applyToBytes(lines);
            if (outputDirectory != null) {
                results.saveAsTextFile(outputDirectory);
            } else {
                PrintStream printed = new PrintStream(out, false, StandardCharsets.UTF_8);
                for (Iterator<String> each = results.toLocalIterator(); each.hasNext(); ) {
                    printed.println(each.next());
                }
                printed.flush();
                if (printed.checkError()) throw new IOException("standard output could not be written");
            }
            return new Result(map.counters(), startup, Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception e) {   // (Spark's SparkException is checked, and undeclared by its Scala methods)
            GuestFunctionFailed.reasonIn(e).ifPresent(reason -> {
                throw new GuestFunctionFailed(reason);
            });
            throw e;
        } finally {
            if (spark != null) spark.stop();
        }
    }

    /** The file's lines as their bytes, split on {@code \n} alone (Hadoop's default also splits on {@code \r}). */
    private static JavaRDD<byte[]> lines(JavaSparkContext context, String input) {
        Configuration conf = new Configuration(context.hadoopConfiguration());
        conf.set("textinputformat.record.delimiter", "\n");
        return context.newAPIHadoopFile(input, TextInputFormat.class, LongWritable.class, Text.class, conf)
                .values().map(Text::copyBytes);   // (Hadoop reuses its Text objects)
    }

    /** Standard input's lines, read here on the driver. */
    private static List<byte[]> readLines(InputStream in) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        byte[] all = in.readAllBytes();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        if (start < all.length) lines.add(java.util.Arrays.copyOfRange(all, start, all.length));
        return lines;
    }
}
