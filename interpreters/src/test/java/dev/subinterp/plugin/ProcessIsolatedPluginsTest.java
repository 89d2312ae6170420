package dev.subinterp.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.LimitExceeded;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two plugins in one host, each under a process-isolated policy with a memory limit: the one that keeps
 * memory from call to call is stopped at its limit, the one beside it that only churns is never touched.
 */
class ProcessIsolatedPluginsTest {
    private static final Path PLUGINS = Path.of("..", "test-fixtures", "isolation", "plugins");

    @Test
    void theLeakingPluginIsStoppedAtItsLimitAndItsNeighbourRunsOn() throws Exception {
        try (PluginHost host = PluginHost.builder().build()) {
            host.load(PLUGINS.resolve("leaky"));
            host.load(PLUGINS.resolve("steady"));
            CompletableFuture<JsonNode> churning = host.callAsync("steady", "churn", IntNode.valueOf(200_000));
            LimitExceeded stopped = null;
            for (int call = 0; call < 100 && stopped == null; call++) {
                try {
                    host.call("leaky", "remember");
                } catch (LimitExceeded e) {
                    stopped = e;
                }
            }
            assertTrue(stopped != null, "the leaking plugin reached its limit");
            assertEquals(ErrorKind.MEMORY, stopped.kind());
            assertTrue(stopped.getMessage().contains("reached its memory limit of 128 MiB"), stopped.getMessage());
            assertEquals(200_000_000, churning.get(120, TimeUnit.SECONDS).asInt(), "the neighbour finished with its normal result");
            assertEquals(1, host.call("leaky", "remember").asInt(), "the leaking plugin's pool replaced its interpreter");
        }
    }
}
