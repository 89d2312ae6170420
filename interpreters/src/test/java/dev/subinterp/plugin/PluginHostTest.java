package dev.subinterp.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.TimeLimitExceeded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginHostTest {
    static final Path PLUGINS = Path.of("..", "test-fixtures", "plugins");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Double> RATES = Map.of("USD", 1.08, "GBP", 0.85);
    private static PluginHost host;
    private static PluginHost.LoadReport report;

    static PluginHost.Builder hostWithRates() {
        return PluginHost.builder().hostFunction("exchange_rate", currency -> {
            Double rate = RATES.get(currency.asText());
            if (rate == null) {
                throw new IllegalArgumentException("no rate for " + currency);
            }
            return DoubleNode.valueOf(rate);
        });
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @BeforeAll
    static void loadTheFixtures() throws IOException {
        host = hostWithRates().build();
        report = host.loadAll(PLUGINS);
    }

    @AfterAll
    static void close() {
        host.close();
    }

    @Test
    void goodPluginsLoadAndEachBadOneIsReportedWithFilePathAndReason() {
        assertEquals(List.of("greeter", "wordstats"), report.loaded());
        Map<Path, String> failures = report.failures();
        assertEquals(6, failures.size(), failures.toString());
        assertTrue(failures.get(PLUGINS.resolve("too-trusting")).contains("$.policy: asks for more than this host allows (default)")
                && failures.get(PLUGINS.resolve("too-trusting")).contains("$.hostAccess: all is more than none"), failures.toString());
        assertTrue(failures.get(PLUGINS.resolve("wrong-language")).contains("$.policy.languages"), failures.toString());
        assertTrue(failures.get(PLUGINS.resolve("broken-manifest")).contains("plugin.json: $.poolSize: 0 is not a whole number from 1 to 64"),
                failures.toString());
        assertTrue(failures.get(PLUGINS.resolve("broken-policy")).contains("$.policy.limits.statementsPerCall.python: refused"),
                failures.toString());
        assertTrue(failures.get(PLUGINS.resolve("broken-host-function")).contains("$.hostFunctions: 'launch_missiles' is not a host function"),
                failures.toString());
        assertTrue(failures.get(PLUGINS.resolve("broken-entry")).contains("SyntaxError"), failures.toString());
    }

    @Test
    void callsReachTheExportedFunctionsWithTheirConfig() throws IOException {
        JsonNode counts = host.call("wordstats", "count_words", "The cat saw the other cat, and a dog.");
        assertEquals(json("{\"the\": 2, \"cat\": 2, \"saw\": 1, \"other\": 1, \"and\": 1, \"dog\": 1}"), counts);
        assertEquals("Hello, Ada!", host.call("greeter", "greet", TextNode.valueOf("Ada")).asText());
        PluginException notExported = assertThrows(PluginException.class, () -> host.call("greeter", "eval"));
        assertTrue(notExported.getMessage().contains("exports greet, version, price, call_forbidden"), notExported.getMessage());
        assertThrows(PluginException.class, () -> host.call("nosuch", "f"));
    }

    @Test
    void anAllowedHostFunctionWorksAndAnyOtherIsRefused() throws IOException {
        assertEquals(21.6, host.call("wordstats", "convert", 20, "USD").asDouble());
        assertEquals(17.0, host.call("greeter", "price", 20, "GBP").asDouble());
        ExecutionFailed py = assertThrows(ExecutionFailed.class, () -> host.call("wordstats", "call_forbidden"));
        assertEquals("AttributeError", py.excInfo().type());
        assertTrue(py.excInfo().message().contains("'delete_all_orders' is not available here (allowed: exchange_rate)"), py.getMessage());
        ExecutionFailed js = assertThrows(ExecutionFailed.class, () -> host.call("greeter", "call_forbidden"));
        assertTrue(js.excInfo().message().contains("'delete_all_orders' is not available here"), js.getMessage());
        ExecutionFailed failed = assertThrows(ExecutionFailed.class, () -> host.call("wordstats", "convert", 20, "XYZ"));
        assertEquals("HostFunctionError", failed.excInfo().type());
        assertTrue(failed.excInfo().message().contains("no rate for \"XYZ\""), failed.getMessage());
    }

    @Test
    void thePluginsPolicyHolds() {
        ExecutionFailed e = assertThrows(ExecutionFailed.class, () -> host.call("wordstats", "read_passwd"));
        assertTrue(e.excInfo().type().endsWith("Error"), e.getMessage());
    }

    @Test
    void aPluginThatLoopsForeverIsStoppedByItsLimitAndTheNextCallSucceeds() throws IOException {
        long before = host.metrics("wordstats").timeLimits();
        assertThrows(TimeLimitExceeded.class, () -> host.call("wordstats", "spin"));
        assertEquals(json("{\"dog\": 1}"), host.call("wordstats", "count_words", TextNode.valueOf("dog")));
        PluginStats metrics = host.metrics("wordstats");
        assertEquals(before + 1, metrics.timeLimits());
        assertTrue(metrics.calls() >= 2 && metrics.p99().compareTo(metrics.p50()) >= 0, metrics.toString());
    }

    @Test
    void anApplicationMayRaiseThePolicyCeiling() {
        try (PluginHost lenient = PluginHost.builder().policyCeiling(dev.subinterp.policy.PolicyLoader.preset("trusted")).build()) {
            lenient.load(PLUGINS.resolve("too-trusting"));
            assertTrue(lenient.call("too-trusting", "f").isTextual(), "trusted: host classes are reachable");
        }
    }

    @Test
    void callAsyncCompletesWithTheResult() throws Exception {
        assertEquals("Hello, Bo!", host.callAsync("greeter", "greet", TextNode.valueOf("Bo")).get().asText());
    }

    @Test
    void reloadWhileFourThreadsCallLosesAndFailsNoCall(@TempDir Path dir) throws Exception {
        Path plugin = copy(PLUGINS.resolve("greeter"), dir.resolve("greeter"));
        try (PluginHost local = hostWithRates().build()) {
            local.load(plugin);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger calls = new AtomicInteger();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Integer> versions = new CopyOnWriteArrayList<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        try {
                            versions.add(local.call("greeter", "version").asInt());
                            calls.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (int version = 2; version <= 4; version++) {
                Thread.sleep(200);
                rewriteVersion(plugin, version);
                local.reload("greeter");
            }
            Thread.sleep(200);
            stop.set(true);
            for (Thread caller : callers) {
                caller.join();
            }
            assertEquals(List.of(), failures);
            assertEquals(calls.get(), versions.size());
            System.out.println("reload under load: " + local.metrics("greeter"));
            assertEquals(calls.get(), local.metrics("greeter").calls(), "every call was counted");
            assertEquals(3, local.metrics("greeter").reloads());
            assertEquals(4, local.call("greeter", "version").asInt());
            assertTrue(versions.contains(1) && versions.contains(4), "calls ran on the old and the new versions");
        }
    }

    /**
     * How long a reload may take to be seen: the greeter's policy is strict, process-isolated, so a reload
     * may start worker JVMs for its new pool, which takes many seconds on a loaded machine.
     */
    private static final Duration RELOAD_PATIENCE = Duration.ofMinutes(3);

    @Test
    void aWatchedPluginReloadsWhenItsFilesChange(@TempDir Path dir) throws Exception {
        Path plugin = copy(PLUGINS.resolve("greeter"), dir.resolve("greeter"));
        List<String> reloadFailures = new CopyOnWriteArrayList<>();
        try (PluginHost watching = hostWithRates().watch(Duration.ofMillis(200), (name, e) -> reloadFailures.add(e.getMessage())).build()) {
            watching.load(plugin);
            assertEquals(1, watching.call("greeter", "version").asInt());
            rewriteVersion(plugin, 7);
            long deadline = System.nanoTime() + RELOAD_PATIENCE.toNanos();
            while (watching.call("greeter", "version").asInt() != 7 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(7, watching.call("greeter", "version").asInt());
            long reloads = watching.metrics("greeter").reloads();
            Path lib = Files.createDirectories(plugin.resolve("lib"));
            deadline = System.nanoTime() + RELOAD_PATIENCE.toNanos();
            while (watching.metrics("greeter").reloads() < reloads + 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);   // the new directory is watched once its creation is seen
            }
            Files.writeString(lib.resolve("helper.js"), "// a file in a subdirectory");
            deadline = System.nanoTime() + RELOAD_PATIENCE.toNanos();
            while (watching.metrics("greeter").reloads() < reloads + 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(watching.metrics("greeter").reloads() >= reloads + 2, "a change in a subdirectory reloads too");
            Files.writeString(plugin.resolve("plugin.json"), "{ broken");
            deadline = System.nanoTime() + RELOAD_PATIENCE.toNanos();
            while (reloadFailures.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(reloadFailures.get(0).contains("plugin.json: $: not valid JSON"), reloadFailures.toString());
            assertEquals(7, watching.call("greeter", "version").asInt(), "a failed reload keeps the old version");
        }
    }

    private static void rewriteVersion(Path plugin, int version) throws IOException {
        Path manifest = plugin.resolve("plugin.json");
        Files.writeString(manifest, Files.readString(manifest).replaceAll("\"version\": \\d+", "\"version\": " + version));
    }

    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    @Test
    void closeReturnsOnceEveryPluginsInterpretersAreGone() throws IOException {
        java.util.Set<Thread> before = dev.subinterp.interpreter.InterpreterThreads.alive();
        PluginHost own = hostWithRates().build();
        own.loadAll(PLUGINS);
        assertEquals("Hello, closer!", own.call("greeter", "greet", TextNode.valueOf("closer")).asText());
        own.close();
        // Not eventually: an application that exits right after close() must not race the engines' close.
        assertEquals(java.util.Set.of(), dev.subinterp.interpreter.InterpreterThreads.startedSince(before));
    }
}
