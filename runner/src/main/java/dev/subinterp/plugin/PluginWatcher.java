package dev.subinterp.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Reloads a plugin when files in its directory change: events are collected until the directory has
 * been quiet for the delay (an editor's save is several events), then one reload runs.
 */
final class PluginWatcher implements AutoCloseable {
    private final PluginHost host;
    private final Duration delay;
    private final BiConsumer<String, RuntimeException> onFailure;
    private final WatchService service;
    private final Map<WatchKey, String> watched = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("plugin-reloader").daemon(true).factory());
    private final Thread thread;

    PluginWatcher(PluginHost host, Duration delay, BiConsumer<String, RuntimeException> onFailure) {
        this.host = host;
        this.delay = delay;
        this.onFailure = onFailure;
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch plugin directories", e);
        }
        this.thread = Thread.ofPlatform().name("plugin-watcher").daemon(true).start(this::loop);
    }

    void watch(String plugin, Path directory) {
        try {
            WatchKey key = directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            watched.put(key, plugin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + directory, e);
        }
    }

    void forget(String plugin) {
        ScheduledFuture<?> due = pending.remove(plugin);
        if (due != null) {
            due.cancel(false);
        }
        watched.entrySet().removeIf(entry -> {
            if (entry.getValue().equals(plugin)) {
                entry.getKey().cancel();
                return true;
            }
            return false;
        });
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = service.take();
                key.pollEvents();
                String plugin = watched.get(key);
                if (plugin != null) {
                    schedule(plugin);
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed
        }
    }

    private void schedule(String plugin) {
        pending.compute(plugin, (name, previous) -> {
            if (previous != null) {
                previous.cancel(false);
            }
            return reloader.schedule(() -> reload(name), delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void reload(String plugin) {
        try {
            host.reload(plugin);
        } catch (RuntimeException e) {
            onFailure.accept(plugin, e);
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException ignored) {
            // Closing is best effort: the thread is a daemon either way.
        }
        thread.interrupt();
        reloader.shutdownNow();
        try {
            reloader.awaitTermination(1, TimeUnit.MINUTES);   // a reload in progress finishes first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
