package dev.subinterp.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

import java.io.Serializable;

/**
 * Per-job counters of a guest function, as Spark accumulators (named {@code subinterp NAME done}, ...,
 * so Spark's UI shows them on the job's stages). Made on the driver; tasks add to them; read them after
 * an action with {@link #snapshot()}. A retried task counts again, as every Spark accumulator updated
 * in a transformation does.
 */
public final class GuestCounters implements Serializable {
    private final LongAccumulator done;
    private final LongAccumulator failed;
    private final LongAccumulator timedOut;
    private final LongAccumulator poolsCreated;
    private final LongAccumulator interpreterOnlyPools;

    /** What the counters held when read. {@code interpreterOnlyPools > 0} means an executor ran without the Graal JIT. */
    public record Snapshot(long done, long failed, long timedOut, long poolsCreated, long interpreterOnlyPools) {
        /** Values that did not give a result: failed or timed out. */
        public long unsuccessful() {
            return failed + timedOut;
        }
    }

    GuestCounters(SparkContext spark, String name) {
        String prefix = "subinterp " + name + " ";
        done = spark.longAccumulator(prefix + "done");
        failed = spark.longAccumulator(prefix + "failed");
        timedOut = spark.longAccumulator(prefix + "timed out");
        poolsCreated = spark.longAccumulator(prefix + "pools created");
        interpreterOnlyPools = spark.longAccumulator(prefix + "pools without JIT");
    }

    public Snapshot snapshot() {
        return new Snapshot(done.value(), failed.value(), timedOut.value(), poolsCreated.value(), interpreterOnlyPools.value());
    }

    void count(dev.subinterp.pool.MapLines.Status status) {
        switch (status) {
            case DONE -> done.add(1);
            case FAILED -> failed.add(1);
            case TIMED_OUT -> timedOut.add(1);
        }
    }

    void poolCreated(boolean jitEnabled) {
        poolsCreated.add(1);
        if (!jitEnabled) interpreterOnlyPools.add(1);
    }
}
