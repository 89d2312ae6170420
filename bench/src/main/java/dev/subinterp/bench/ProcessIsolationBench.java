package dev.subinterp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Process isolation ({@code "isolation": "process"}): what a host pays to reach a Python interpreter
 * that lives in a worker JVM. The policy is the {@code default} preset run with process isolation (as
 * the runner service runs it), so beside the in-process figure only the isolation differs.
 * <ul>
 * <li>{@link #smallRoundTrip}: {@code call("echo", dict)}, the 4-key dict of the queue benchmarks,
 * host to worker and back; {@link #smallRoundTripInProcess} is the same call on an in-process
 * interpreter.</li>
 * <li>{@link #oneMiBIn}: {@code call("size", bytes)} with 1 MiB, answered by its length: bytes one
 * way (the table shows it as MB/s).</li>
 * <li>{@link #createClose}: a new process-isolated interpreter and its close while a ready worker
 * waits (the pool keeps one spare; the closed interpreter's worker goes back to it), and
 * {@link #create} alone (the close is left out of the time: an invocation-level tear-down).</li>
 * </ul>
 * Every worker is started in the trial's set-up, not timed; workers run with this JVM's options (the
 * JIT's too), as {@code WorkerLaunch} starts them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProcessIsolationBench {
    /** The small message of the queue benchmarks (queue_driver.py's SMALL, scripts/bench/queues.py's). */
    static final Map<String, Object> SMALL = small();
    static final int MIB = 1 << 20;
    static final String GUEST = "def echo(x):\n    return x\n\ndef size(b):\n    return len(b)\n";

    private static Map<String, Object> small() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", 7);
        message.put("name", "small message");
        message.put("tags", List.of("a", "b"));
        message.put("ok", true);
        return message;
    }

    /** The policy of every process-isolated interpreter here: the default preset, in a worker JVM. */
    static SandboxPolicy processPolicy() {
        return PolicyLoader.preset("default").withProcessIsolation();
    }

    /** A Python interpreter in a worker JVM that has echo() and size(). */
    @State(Scope.Benchmark)
    public static class Worker {
        Interpreters runtime;
        Interpreter python;
        byte[] payload;

        @Setup(Level.Trial)
        public void start() {
            runtime = new Interpreters(processPolicy());
            python = runtime.create(Language.PYTHON);
            python.exec(GUEST, "process_bench.py");
            payload = new byte[MIB];
            for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
            if (python.call("size", payload).asInt() != MIB) throw new IllegalStateException("size() did not see 1 MiB");
            // Taking the worker made the pool start a spare; its start takes a core for a while, so wait for it.
            WorkerFootprint.awaitReady(1, 180_000);
        }

        @TearDown(Level.Trial)
        public void stop() {
            runtime.close();
        }
    }

    /** The same guest in an in-process interpreter (the default preset as it is). */
    @State(Scope.Benchmark)
    public static class InProcess {
        Interpreters runtime;
        Interpreter python;

        @Setup(Level.Trial)
        public void start() {
            runtime = new Interpreters(PolicyLoader.preset("default"));
            python = runtime.create(Language.PYTHON);
            python.exec(GUEST, "process_bench.py");
        }

        @TearDown(Level.Trial)
        public void stop() {
            runtime.close();
        }
    }

    /** A process-isolated runtime whose pool has a ready worker waiting (and the spare it keeps). */
    @State(Scope.Benchmark)
    public static class ReadyWorker {
        Interpreters runtime;

        @Setup(Level.Trial)
        public void start() {
            runtime = new Interpreters(processPolicy());
            // The first create starts a worker (and the pool starts a spare beside it); closing it gives the
            // worker back. Wait for both to be ready before the first iteration: a worker still starting
            // would take a core from the measured creates.
            runtime.create(Language.PYTHON).close();
            WorkerFootprint.awaitReady(2, 180_000);
        }

        @TearDown(Level.Trial)
        public void stop() {
            runtime.close();
        }
    }

    /** The interpreter {@link #create} made, closed after each invocation, outside the time. */
    @State(Scope.Thread)
    public static class Created {
        Interpreter interpreter;

        @TearDown(Level.Invocation)
        public void close() {
            if (interpreter != null) {
                interpreter.close();
                interpreter = null;
            }
        }
    }

    @Benchmark
    public JsonNode smallRoundTrip(Worker worker) {
        return worker.python.call("echo", SMALL);
    }

    @Benchmark
    public JsonNode smallRoundTripInProcess(InProcess inProcess) {
        return inProcess.python.call("echo", SMALL);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public JsonNode oneMiBIn(Worker worker) {
        return worker.python.call("size", worker.payload);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public boolean createClose(ReadyWorker ready) {
        try (Interpreter interpreter = ready.runtime.create(Language.PYTHON)) {
            return interpreter.isClosed();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Interpreter create(ReadyWorker ready, Created created) {
        created.interpreter = ready.runtime.create(Language.PYTHON);
        return created.interpreter;
    }
}
