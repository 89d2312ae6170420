package dev.subinterp.plugin;

import dev.subinterp.internal.plugin.Plugin;
import dev.subinterp.internal.plugin.PluginMetrics;
import dev.subinterp.internal.plugin.PluginWatcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.subinterp.interpreter.HostFunction;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.InterpreterError;
import dev.subinterp.policy.PolicyCeiling;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import dev.subinterp.value.Shareable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;

/**
 * Loads Python and JavaScript plugins from directories and calls them, each on its own warm pool
 * under its own sandbox policy. A plugin is a directory with a {@code plugin.json}
 * ({@link PluginManifest}) and an entry file defining the exported functions.
 *
 * <pre>{@code
 * try (PluginHost host = PluginHost.builder()
 *         .hostFunction("exchange_rate", currency -> rates.get(currency.asText()))
 *         .build()) {
 *     PluginHost.LoadReport report = host.loadAll(Path.of("plugins"));
 *     double total = host.call(Double.class, "pricing", "total", List.of(new Item(19.5, 2)), "EUR");
 * }
 * }</pre>
 *
 * Plugins reach only the host functions their manifest lists, as the module {@code host} (Python) or
 * the global object {@code host} (JS). {@link #reload} swaps a plugin's pool without failing calls in
 * flight; {@link Builder#watch} reloads a plugin when its files change.
 */
public final class PluginHost implements AutoCloseable {
    private final Map<String, HostFunction> hostFunctions;
    private final Map<String, Plugin> plugins = new ConcurrentHashMap<>();
    private final Map<String, PluginMetrics> metrics = new ConcurrentHashMap<>();
    /** Held while plugins are loaded, swapped, unloaded or closed, so that none of those races another. */
    private final Object lifecycle = new Object();
    /** Retired generations still finishing their queued calls; close() stops them too. */
    private final Set<Plugin> retiring = ConcurrentHashMap.newKeySet();
    private final SandboxPolicy ceiling;
    /** Package directories every plugin imports from, besides its own. */
    private final List<java.nio.file.Path> packages;
    private final ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor();
    private final PluginWatcher watcher;
    private final ObjectMapper objectMapper;
    private volatile boolean closed;

    private PluginHost(Builder builder) {
        this.hostFunctions = Map.copyOf(builder.hostFunctions);
        this.objectMapper = builder.objectMapper != null ? builder.objectMapper : Shareable.newMapper();
        this.ceiling = builder.ceiling;
        this.packages = List.copyOf(builder.packages);
        this.watcher = builder.watchDelay == null ? null : new PluginWatcher(this, builder.watchDelay, builder.onReloadFailure);
    }

    /** Options for a new host. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What {@link #loadAll} did.
     *
     * @param loaded   names of the plugins now loaded
     * @param failures per plugin directory that failed, why (the manifest's file, JSON path and reason)
     */
    public record LoadReport(List<String> loaded, Map<Path, String> failures) {
        public LoadReport {
            loaded = List.copyOf(loaded);
            failures = Map.copyOf(failures);
        }
    }

    /**
     * Loads every subdirectory of {@code root} that has a {@code plugin.json}. One bad plugin does not
     * stop the others: its directory and reason are in the report.
     */
    public LoadReport loadAll(Path root) throws IOException {
        List<Path> directories;
        try (Stream<Path> children = Files.list(root)) {
            directories = children.filter(d -> Files.isRegularFile(d.resolve(PluginManifest.FILE))).sorted().toList();
        }
        List<String> loaded = new ArrayList<>();
        Map<Path, String> failures = new LinkedHashMap<>();
        for (Path directory : directories) {
            try {
                loaded.add(load(directory));
            } catch (RuntimeException e) {   // whatever one plugin does wrong, the others still load
                failures.put(directory, e.getMessage());
            }
        }
        return new LoadReport(loaded, failures);
    }

    /**
     * Loads the plugin in {@code directory} and returns its name; its pool is warm when this returns.
     *
     * @throws ManifestException the manifest is bad (file, JSON path, reason)
     * @throws PluginException   a plugin of that name is already loaded
     * @throws InterpreterError  the entry file failed to run (its traceback is in the message)
     */
    public String load(Path directory) {
        PluginManifest manifest = checked(PluginManifest.load(directory.toAbsolutePath().normalize()));
        synchronized (lifecycle) {
            ensureOpen();
            if (plugins.containsKey(manifest.name())) {
                throw new PluginException("a plugin named '" + manifest.name() + "' is already loaded (from "
                        + plugins.get(manifest.name()).manifest().directory() + ")");
            }
            plugins.put(manifest.name(), Plugin.start(manifest, hostFunctions, packages));
            metrics.computeIfAbsent(manifest.name(), n -> new PluginMetrics());
            if (watcher != null) {
                watcher.watch(manifest.name(), manifest.directory());
            }
        }
        return manifest.name();
    }

    /** The manifest, if its policy stays within the host's ceiling. */
    private PluginManifest checked(PluginManifest manifest) {
        List<String> excess = PolicyCeiling.excess(manifest.policy(), ceiling);
        if (!excess.isEmpty()) {
            throw new ManifestException(manifest.directory().resolve(PluginManifest.FILE).toString(), "$.policy",
                    "asks for more than this host allows (" + ceiling.name() + "): " + String.join("; ", excess));
        }
        return manifest;
    }

    /** The names of the loaded plugins, sorted. */
    public List<String> plugins() {
        return List.copyOf(new TreeSet<>(plugins.keySet()));
    }

    /** The manifest of a loaded plugin. */
    public PluginManifest manifest(String plugin) {
        return plugin(plugin).manifest();
    }

    /**
     * Calls {@code function} of {@code plugin} with {@code args} and returns its JSON result. Each
     * argument is one of the function's arguments, copied as {@link Interpreter#call(String, Object...)}
     * copies them (JSON trees, strings, numbers, collections, records, beans ...) with this host's
     * object mapper; a lone {@code String[]} is one argument, a list.
     *
     * @throws PluginException no such plugin, or it does not export {@code function}
     * @throws dev.subinterp.interpreter.ExecutionFailed the plugin raised
     * @throws dev.subinterp.interpreter.TimeLimitExceeded the call hit the plugin's time limit
     * @throws dev.subinterp.value.NotShareableError an argument or the result cannot cross
     */
    public JsonNode call(String plugin, String function, Object... args) {
        List<JsonNode> arguments = Shareable.arguments(args, objectMapper);
        long started = System.nanoTime();
        Throwable failure = null;
        try {
            return await(submit(plugin, function, arguments));
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            if (!(failure instanceof PluginException)) {
                metricsOf(plugin).recordCall(System.nanoTime() - started, failure);
            }
        }
    }

    /**
     * Like {@link #call(String, String, Object...)}, reading the result as {@code type} (a record, bean,
     * {@code String}, {@code List}, ...) with this host's object mapper.
     *
     * @throws dev.subinterp.value.NotShareableError the result does not fit {@code type}, naming where and why
     */
    public <T> T call(Class<T> type, String plugin, String function, Object... args) {
        return Shareable.toJava(call(plugin, function, args), objectMapper.constructType(type), objectMapper);
    }

    /** Like {@link #call(String, String, Object...)}, returning at once; the future fails with what {@code call} would throw. */
    public CompletableFuture<JsonNode> callAsync(String plugin, String function, Object... args) {
        List<JsonNode> arguments = Shareable.arguments(args, objectMapper);
        long started = System.nanoTime();
        Future<JsonNode> pending = submit(plugin, function, arguments);
        return CompletableFuture.supplyAsync(() -> await(pending), waiters)
                .whenComplete((result, failure) -> metricsOf(plugin).recordCall(System.nanoTime() - started,
                        failure instanceof java.util.concurrent.CompletionException c ? c.getCause() : failure));
    }

    /**
     * Loads {@code plugin} again from its directory (manifest and files), starts its new pool, then
     * swaps it in: calls in flight and queued finish on the old pool, new calls go to the new one. If
     * the new version fails to load, the old one stays and the failure is thrown.
     */
    public void reload(String plugin) {
        synchronized (lifecycle) {
            ensureOpen();
            Plugin old = plugin(plugin);
            PluginManifest manifest = checked(PluginManifest.load(old.manifest().directory()));
            if (!manifest.name().equals(plugin)) {
                throw new PluginException("the manifest in " + manifest.directory() + " now names '" + manifest.name()
                        + "'; a reload keeps the name '" + plugin + "' (unload and load it instead)");
            }
            Plugin fresh = Plugin.start(manifest, hostFunctions, packages);
            plugins.put(plugin, fresh);
            retire(old);
            metricsOf(plugin).recordReload();
        }
    }

    /** Unloads {@code plugin}: queued calls still run, new calls fail with {@link PluginException}. */
    public void unload(String plugin) {
        synchronized (lifecycle) {
            Plugin old = plugins.remove(plugin);
            if (old == null) {
                throw new PluginException("no plugin named '" + plugin + "' is loaded");
            }
            retire(old);
            if (watcher != null) {
                watcher.forget(plugin);
            }
        }
    }

    /** Lets {@code old} finish its queued calls in the background, then end; close() stops it sooner. */
    private void retire(Plugin old) {
        retiring.add(old);
        old.retire();
        waiters.execute(() -> {
            old.awaitEnd();
            retiring.remove(old);
        });
    }

    /** What {@code plugin} has done so far (kept across reloads). */
    public PluginStats metrics(String plugin) {
        PluginMetrics m = metrics.get(plugin);
        if (m == null) {
            throw new PluginException("no plugin named '" + plugin + "' was ever loaded");
        }
        return m.snapshot();
    }

    /**
     * Closes every plugin (running calls are cancelled) and stops watching; returns once their
     * interpreters, threads and engines are gone.
     */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();   // first, without the lock: it waits for a reload in progress to finish
        }
        List<Plugin> closing;
        synchronized (lifecycle) {
            closed = true;
            closing = new ArrayList<>(plugins.values());
            closing.addAll(retiring);
            plugins.clear();
            closing.forEach(Plugin::close);
        }
        closing.forEach(Plugin::awaitEnd);   // outside the lock: a generation ending may need it
        waiters.shutdownNow();   // their calls have failed or ended by now
        try {
            waiters.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- internals ---------------------------------------------------------------------------------

    private Future<JsonNode> submit(String plugin, String function, List<JsonNode> args) {
        while (true) {
            Plugin current = plugin(plugin);
            try {
                return current.submit(function, args);
            } catch (RejectedExecutionException retired) {
                if (plugins.get(plugin) == current) {
                    throw new PluginException("plugin '" + plugin + "' is shutting down");
                }
                // Swapped by a reload between our lookup and the submit: the new generation takes it.
            }
        }
    }

    private Plugin plugin(String name) {
        Plugin plugin = plugins.get(name);
        if (plugin == null) {
            throw new PluginException("no plugin named '" + name + "' is loaded; loaded: "
                    + (plugins.isEmpty() ? "none" : String.join(", ", plugins())));
        }
        return plugin;
    }

    private PluginMetrics metricsOf(String plugin) {
        return metrics.computeIfAbsent(plugin, n -> new PluginMetrics());
    }

    private void ensureOpen() {
        if (closed) {
            throw new PluginException("the plugin host is closed");
        }
    }

    private static JsonNode await(Future<JsonNode> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new InterpreterError("plugin call failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterpreterError("interrupted while waiting for a plugin call");
        }
    }

    /** Options for a {@link PluginHost}. */
    public static final class Builder {
        private final Map<String, HostFunction> hostFunctions = new LinkedHashMap<>();
        private Duration watchDelay;
        private java.util.function.BiConsumer<String, RuntimeException> onReloadFailure = (plugin, e) -> { };
        private SandboxPolicy ceiling = PolicyLoader.defaultPolicy();
        private ObjectMapper objectMapper;
        private final List<java.nio.file.Path> packages = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * Package directories every plugin imports from (the application's own), besides the
         * {@code .packages} of each plugin, which only that plugin sees. A plugin whose policy names the
         * directories it allows must name these too.
         */
        public Builder packages(java.nio.file.Path... directories) {
            packages.addAll(List.of(directories));
            return this;
        }

        /** The mapper for the Java values of calls and their typed results (default: {@link Shareable#newMapper()}). */
        public Builder objectMapper(ObjectMapper mapper) {
            this.objectMapper = mapper;
            return this;
        }

        /** Offers {@code function} to plugins whose manifest lists {@code name} in {@code hostFunctions}. */
        public Builder hostFunction(String name, HostFunction function) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + name + "' is not a function name");
            }
            hostFunctions.put(name, function);
            return this;
        }

        /**
         * Reloads a plugin when files in its directory change, once they have been quiet for
         * {@code delay}. A reload that fails keeps the old version and is reported to {@code onFailure}.
         */
        public Builder watch(Duration delay, java.util.function.BiConsumer<String, RuntimeException> onFailure) {
            this.watchDelay = delay;
            this.onReloadFailure = onFailure;
            return this;
        }

        /**
         * The most a plugin's policy may ask for (default: the {@code default} preset). A plugin whose
         * policy allows more (a switch, a class, a root, or a limit higher or unset where the ceiling
         * sets one) is refused at load, listing each excess.
         */
        public Builder policyCeiling(SandboxPolicy ceiling) {
            this.ceiling = ceiling;
            return this;
        }

        public PluginHost build() {
            return new PluginHost(this);
        }
    }
}
