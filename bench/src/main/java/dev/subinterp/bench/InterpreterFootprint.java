package dev.subinterp.bench;

import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How cost grows with the number of interpreters: for N live Python interpreters on one runtime (each
 * has run one statement and sits idle), the time to create them and the Java heap they retain, per
 * interpreter. Heap is read after full collections, so it is what the interpreters keep, not garbage.
 * Not a JMH benchmark: it measures memory, once per N, after a warm-up round.
 */
final class InterpreterFootprint {
    private final List<Integer> counts;
    private final String system;

    InterpreterFootprint(List<Integer> counts, String system) {
        this.counts = counts;
        this.system = system;
    }

    void run(Consumer<Figure> out) {
        int most = counts.get(counts.size() - 1);
        // No spare: it would be counted in one N and not in another (spares move time, not memory).
        try (Interpreters runtime = new Interpreters().spares(0)) {
            // Warm-up, not counted: the engine's shared code, and the JIT's work on creating interpreters.
            for (int round = 0; round < 4; round++) {
                createIdle(runtime, Math.min(8, most)).forEach(Interpreter::close);
            }
            for (int count : counts) {
                long before = settledHeap();
                long start = System.nanoTime();
                List<Interpreter> live = createIdle(runtime, count);
                double millis = (System.nanoTime() - start) / 1e6;
                long after = settledHeap();
                live.forEach(Interpreter::close);
                String n = Integer.toString(count);
                double heapMb = round((after - before) / 1e6 / count);
                out.accept(Figure.ours("create_ms_per_interp", system, n, round(millis / count), "ms"));
                out.accept(Figure.ours("heap_mb_per_interp", system, n, heapMb, "MB"));
                if (count == most) {
                    out.accept(Figure.ours("idle_heap_mb", system, null, heapMb, "MB"));
                }
            }
        }
    }

    /** {@code count} new Python interpreters, each after one statement. */
    private static List<Interpreter> createIdle(Interpreters runtime, int count) {
        List<Interpreter> live = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Interpreter interpreter = runtime.create(Language.PYTHON);
            interpreter.exec("x = 1");
            live.add(interpreter);
        }
        return live;
    }

    /** Heap in use after collections have stopped freeing memory. */
    private static long settledHeap() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used - (1 << 16)) return Math.min(now, used);
            used = now;
        }
        return used;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
