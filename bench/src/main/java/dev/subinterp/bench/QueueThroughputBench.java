package dev.subinterp.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Bytes messages one way from one Python interpreter to another, by size: a batch of about 4 MiB (at
 * least one message, at most 1,000) per call, and the peer's answer once it has taken them all.
 * JMH reports the counters as rates: messages/s and bytes/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QueueThroughputBench {
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    public int size;

    private QueuePair pair;
    private int batch;

    /** What one iteration moved; JMH divides by its time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Moved {
        public long messages;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
            bytes = 0;
        }
    }

    @Setup
    public void start() {
        pair = new QueuePair("sink");
        pair.driver.call("set_payload", size);
        batch = (int) Math.max(1, Math.min(1_000, (4L << 20) / size));
    }

    @Benchmark
    public void oneWay(Moved moved) {
        pair.driver.call("send", batch);
        moved.messages += batch;
        moved.bytes += (long) batch * size;
    }

    @TearDown
    public void stop() {
        pair.close();
    }
}
