package dev.subinterp.plugin;

import java.time.Duration;
import java.util.Map;

/**
 * What a plugin has done so far.
 *
 * @param calls      calls made, failed ones included
 * @param failures   failed calls by kind: {@code error} (the guest raised), {@code time_limit},
 *                   {@code output_limit}, {@code limit} (memory, statements), {@code not_shareable}, {@code exit},
 *                   {@code internal} (any other {@link dev.subinterp.error.ErrorKind})
 * @param timeLimits calls stopped by the time limit
 * @param reloads    times the plugin was reloaded
 * @param p50        median latency of the last 4,096 calls
 * @param p90        90th percentile of the same
 * @param p99        99th percentile of the same
 */
public record PluginStats(long calls, Map<String, Long> failures, long timeLimits, long reloads,
                          Duration p50, Duration p90, Duration p99) {
    public PluginStats {
        failures = Map.copyOf(failures);
    }

    /** Failed calls of every kind. */
    public long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }
}
