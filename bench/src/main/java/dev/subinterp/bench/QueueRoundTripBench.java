package dev.subinterp.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * A small JSON message (a 4-key dict; also a short str and an int, to tell the hand-off from the
 * conversion of the dict) to another Python interpreter and back through two queues, timed around a
 * loop in the driving interpreter, as scripts/bench/queues.py times CPython's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QueueRoundTripBench {
    static final int ROUNDS = 200;

    @Param({"dict", "text", "int"})
    public String message;

    private QueuePair pair;

    @Setup
    public void start() {
        pair = new QueuePair("echo");
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public Object smallMessage() {
        return pair.driver.call("round_trips", ROUNDS, message);
    }

    @TearDown
    public void stop() {
        pair.close();
    }
}
