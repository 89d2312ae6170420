package dev.subinterp.spark;

import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.spark.internal.ExecutorPools;
import dev.subinterp.spark.internal.PartitionResults;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.util.Iterator;

/**
 * A guest function mapped over JSON Lines on Spark: each record is one JSON value, each result one line
 * of JSON, in the same order and partitioning, with a record's failure as the same
 * {@code {"error": {"type", "message", "line"}}} object {@code runner map} prints ({@code line}: the
 * record's 1-based position in the input). Each executor runs the function in its own warm pool
 * ({@link GuestFunction}); only the description and JSON text travel.
 *
 * <pre>{@code
 * GuestMap scores = GuestMap.of(spark, score);
 * Dataset<String> results = scores.apply(spark.read().textFile("events.jsonl"));
 * results.write().text("scores");
 * GuestCounters.Snapshot counted = scores.counters();   // done, failed, timed out, pools created
 * }</pre>
 */
public final class GuestMap {
    private final SparkSession spark;
    private final GuestFunction function;
    private final GuestCounters counters;

    private GuestMap(SparkSession spark, GuestFunction function) {
        this.spark = spark;
        this.function = function;
        this.counters = new GuestCounters(spark.sparkContext(), function.function());
    }

    /** A map of {@code function}, with its counters registered in {@code spark}. */
    public static GuestMap of(SparkSession spark, GuestFunction function) {
        return new GuestMap(spark, function);
    }

    /** The results of {@code jsonLines} (lazy, as every Dataset: an action runs it). */
    public Dataset<String> apply(Dataset<String> jsonLines) {
        return spark.createDataset(apply(jsonLines.javaRDD()).rdd(), Encoders.STRING());
    }

    /** The results of {@code jsonLines} (lazy). */
    public JavaRDD<String> apply(JavaRDD<String> jsonLines) {
        return jsonLines.zipWithIndex().mapPartitions(new MapPartition<>(function, counters), true);
    }

    /**
     * The results of lines given as their bytes, as read from a file: a line that is not UTF-8 gets the
     * error {@code runner map} gives it (Spark's text reader would have replaced the bad bytes).
     */
    public JavaRDD<String> applyToBytes(JavaRDD<byte[]> lines) {
        return lines.zipWithIndex().mapPartitions(new MapPartition<>(function, counters), true);
    }

    /** The counters of the actions run so far on this map's results. */
    public GuestCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /** One partition on an executor: the pool of this JVM, the records streamed through it. */
    private record MapPartition<T>(GuestFunction function, GuestCounters counters)
            implements FlatMapFunction<Iterator<Tuple2<T, Long>>, String> {
        @Override
        public Iterator<String> call(Iterator<Tuple2<T, Long>> records) {
            InterpreterPoolExecutor pool = ExecutorPools.pool(function, counters::poolCreated);
            return new PartitionResults(records, pool, function.function(), function.chunk(), counters::count);
        }
    }
}
