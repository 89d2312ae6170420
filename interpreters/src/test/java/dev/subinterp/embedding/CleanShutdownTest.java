package dev.subinterp.embedding;

import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.InterpreterThreads;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.plugin.PluginHost;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.PoolTask;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * close() of a runtime, a pool and a plugin host returns once the threads it made have ended: an
 * application that exits right after sees no thread of ours still logging. Each test looks only at the
 * threads that appeared while it ran, by the names this library gives them.
 */
class CleanShutdownTest {
    private static final List<String> OURS = List.of("interpreter-", "interpreters-watchdog", "pool-", "plugin-");

    private static Set<Thread> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> OURS.stream().anyMatch(t.getName()::startsWith))
                .collect(Collectors.toSet());
    }

    private static Set<String> startedSince(Set<Thread> before) {
        // A spare that the shared runtime, still open, makes meanwhile is not this test's (see InterpreterThreads).
        return ourThreads().stream().filter(t -> !before.contains(t) && !InterpreterThreads.isWaitingSpare(t))
                .map(Thread::getName).collect(Collectors.toSet());
    }

    @Test
    void aRuntimeLeavesNoThreadBehind() {
        Set<Thread> before = ourThreads();
        try (Interpreters runtime = new Interpreters()) {
            Interpreter py = runtime.create(Language.PYTHON);
            Interpreter js = runtime.create(Language.JS);
            py.callInThread("max", 1, 2);
            js.exec("globalThis.x = 1");
            assertTrue(startedSince(before).size() >= 2, "the interpreters' threads: " + startedSince(before));
        }
        assertEquals(Set.of(), startedSince(before));
    }

    @Test
    void aPoolLeavesNoThreadBehindWhetherClosedOrShutDown() throws Exception {
        Set<Thread> before = ourThreads();
        try (InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.PYTHON).size(2).build()) {
            pool.submit(PoolTask.script("x = 1")).get();
        }
        assertEquals(Set.of(), startedSince(before), "close()");

        InterpreterPoolExecutor idle = InterpreterPoolExecutor.builder(Language.JS).size(2).build();
        idle.shutdown();
        assertTrue(idle.awaitTermination(1, TimeUnit.MINUTES));
        assertEquals(Set.of(), startedSince(before), "shutdown() and awaitTermination() of an idle pool");
    }

    @Test
    void aPluginHostLeavesNoThreadBehind() throws Exception {
        Path plugins = Files.createTempDirectory("clean-shutdown");
        Path greeter = Files.createDirectories(plugins.resolve("greeter"));
        Files.writeString(greeter.resolve("plugin.json"), """
                {"name": "greeter", "version": "1", "language": "js", "entry": "greeter.js", "exports": ["greet"], "poolSize": 2}
                """);
        Files.writeString(greeter.resolve("greeter.js"), "function greet(name) { return 'Hello, ' + name + '!'; }");
        Set<Thread> before = ourThreads();
        try (PluginHost host = PluginHost.builder().watch(Duration.ofMillis(200), (plugin, error) -> { }).build()) {
            host.load(greeter);
            assertEquals("Hello, Ada!", host.call(String.class, "greeter", "greet", "Ada"));
            assertEquals("Hello, Bo!", host.callAsync("greeter", "greet", "Bo").get().asText());
        } finally {
            Files.delete(greeter.resolve("greeter.js"));
            Files.delete(greeter.resolve("plugin.json"));
            Files.delete(greeter);
            Files.delete(plugins);
        }
        assertEquals(Set.of(), startedSince(before));
    }
}
