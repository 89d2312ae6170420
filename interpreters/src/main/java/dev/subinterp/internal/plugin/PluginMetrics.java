package dev.subinterp.internal.plugin;

import dev.subinterp.plugin.PluginStats;
import dev.subinterp.error.ErrorKind;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one plugin, kept across reloads: calls, failures by kind, reloads, and the latency of
 * the most recent calls. Thread-safe; {@link #snapshot()} gives a copy to read.
 */
public final class PluginMetrics {
    private static final int LATENCY_WINDOW = 4096;

    private final LongAdder calls = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder reloads = new LongAdder();
    private final long[] latencies = new long[LATENCY_WINDOW];   // guarded by itself: a ring of recent nanos
    private long recorded;                                        // guarded by latencies

    /** The key a failure is counted under in {@link PluginStats#failures()}. */
    public static String kindOf(Throwable failure) {
        return switch (ErrorKind.of(failure)) {
            case GUEST_RAISED -> "error";
            case TIME_LIMIT -> "time_limit";
            case OUTPUT_LIMIT -> "output_limit";
            case MEMORY, RESOURCE_LIMIT -> "limit";
            case NOT_SHAREABLE -> "not_shareable";
            case EXITED -> "exit";
            case CRASHED -> "crashed";
            case PROGRAM_REFUSED, CLOSED, CANCELLED, CHANNEL_CLOSED, WOULD_BLOCK, USAGE, CONFIGURATION, TRANSFORM_FAILED,
                 INTERNAL -> "internal";
        };
    }

    public void recordCall(long nanos, Throwable failure) {
        calls.increment();
        if (failure != null) {
            failures.computeIfAbsent(kindOf(failure), k -> new LongAdder()).increment();
        }
        synchronized (latencies) {
            latencies[(int) (recorded++ % LATENCY_WINDOW)] = nanos;
        }
    }

    public void recordReload() {
        reloads.increment();
    }

    public PluginStats snapshot() {
        long[] window;
        synchronized (latencies) {
            window = Arrays.copyOf(latencies, (int) Math.min(recorded, LATENCY_WINDOW));
        }
        Arrays.sort(window);
        Map<String, Long> byKind = new TreeMap<>();
        failures.forEach((kind, count) -> byKind.put(kind, count.sum()));
        return new PluginStats(calls.sum(), byKind, byKind.getOrDefault("time_limit", 0L), reloads.sum(),
                percentile(window, 0.50), percentile(window, 0.90), percentile(window, 0.99));
    }

    private static Duration percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
    }
}
