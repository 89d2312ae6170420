package dev.subinterp.internal.plugin;

import dev.subinterp.plugin.ManifestException;
import dev.subinterp.plugin.PluginException;
import dev.subinterp.plugin.PluginManifest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.HostFunction;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.PoolTask;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/** One loaded generation of a plugin: its manifest and its warm pool, under the plugin's own policy. */
public final class Plugin {
    /** The module (Python) or global object (JS) through which plugins reach host functions. */
    public static final String HOST_MODULE = "host";

    private final PluginManifest manifest;
    private final InterpreterPoolExecutor pool;

    private Plugin(PluginManifest manifest, InterpreterPoolExecutor pool) {
        this.manifest = manifest;
        this.pool = pool;
    }

    /** Starts the plugin's pool; returns once every worker has run the entry file. */
    public static Plugin start(PluginManifest manifest, Map<String, HostFunction> registered, List<java.nio.file.Path> shared) {
        String source = manifest.readEntry();
        Map<String, HostFunction> allowed = new LinkedHashMap<>();
        for (String name : manifest.hostFunctions()) {
            HostFunction function = registered.get(name);
            if (function == null) {
                throw new ManifestException(manifest.directory().resolve(PluginManifest.FILE).toString(), "$.hostFunctions",
                        "'" + name + "' is not a host function this host offers (it offers: "
                                + (registered.isEmpty() ? "none" : String.join(", ", registered.keySet())) + ")");
            }
            allowed.put(name, function);
        }
        List<String> missing = PluginPackages.missing(manifest);
        if (!missing.isEmpty()) {
            throw new PluginException("plugin '" + manifest.name() + "' declares packages that are not installed: "
                    + String.join(", ", missing) + "; install them with: runner plugin install " + manifest.directory());
        }
        List<java.nio.file.Path> packages = new java.util.ArrayList<>(shared);
        dev.subinterp.policy.SandboxPolicy policy = manifest.policy();
        if (manifest.declaresPackages()) {
            packages.add(manifest.packagesDirectory());
            // A plugin may always import its own installed packages, whatever directories its policy names.
            policy = policy.allowingPackages(manifest.packagesDirectory().toAbsolutePath().normalize().toString());
        }
        String entryName = manifest.entryFile().toString();
        InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(manifest.language())
                .size(manifest.poolSize())
                .policy(policy)
                .configure(options -> options.scriptDirectory(manifest.directory()).hostFunctions(HOST_MODULE, allowed)
                        .packages(packages.toArray(java.nio.file.Path[]::new)))
                .setup(interpreter -> {
                    interpreter.prepareMain(Map.of("config", manifest.config()));
                    interpreter.exec(source, entryName);
                })
                .build();
        return new Plugin(manifest, pool);
    }

    public PluginManifest manifest() {
        return manifest;
    }

    /**
     * Queues a call of {@code function} with {@code args}, its positional arguments.
     *
     * @throws PluginException the plugin does not export {@code function}
     * @throws java.util.concurrent.RejectedExecutionException this generation is retired
     */
    public Future<JsonNode> submit(String function, List<JsonNode> args) {
        if (!manifest.exports().contains(function)) {
            throw new PluginException("plugin '" + manifest.name() + "' does not export '" + function
                    + "'; it exports " + String.join(", ", manifest.exports()));
        }
        return pool.submit(PoolTask.call(function, args.toArray()));
    }

    /** Stops taking calls; calls already queued still run, then the pool and its runtime close. */
    public void retire() {
        pool.shutdown();
    }

    /** Waits until a retired generation has run its queued calls and closed. */
    public void awaitEnd() {
        try {
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops at once: queued calls fail, running ones are cancelled; {@link #awaitEnd} waits for the rest. */
    public void close() {
        pool.shutdownNow();
    }
}
