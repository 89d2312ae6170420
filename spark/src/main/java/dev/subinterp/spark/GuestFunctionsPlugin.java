package dev.subinterp.spark;

import dev.subinterp.spark.internal.ExecutorPools;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Closes an executor's guest-function pools when the executor ends, not only when its JVM does (which
 * is when a local-mode executor would): set {@code spark.plugins=dev.subinterp.spark.GuestFunctionsPlugin}.
 */
public final class GuestFunctionsPlugin implements SparkPlugin {
    /** The name to give {@code spark.plugins}. */
    public static final String NAME = GuestFunctionsPlugin.class.getName();

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void shutdown() {
                ExecutorPools.closeAll();
            }
        };
    }
}
