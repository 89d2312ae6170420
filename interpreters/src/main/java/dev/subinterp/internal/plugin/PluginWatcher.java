package dev.subinterp.internal.plugin;

import dev.subinterp.plugin.PluginHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
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
 * Reloads a plugin when files in its directory, or any directory under it, change: events are
 * collected until the plugin has been quiet for the delay (an editor's save is several events), then
 * one reload runs.
 */
public final class PluginWatcher implements AutoCloseable {
    private final PluginHost host;
    private final Duration delay;
    private final BiConsumer<String, RuntimeException> onFailure;
    private final WatchService service;
    private final Map<WatchKey, String> watched = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("plugin-reloader").daemon(true).factory());
    private final Thread thread;

    public PluginWatcher(PluginHost host, Duration delay, BiConsumer<String, RuntimeException> onFailure) {
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

    /** Watches {@code directory} and every directory under it (new ones too) for {@code plugin}. */
    public void watch(String plugin, Path directory) {
        try (java.util.stream.Stream<Path> tree = Files.walk(directory)) {
            for (Path dir : tree.filter(Files::isDirectory).toList()) {
                register(plugin, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + directory, e);
        }
    }

    private void register(String plugin, Path dir) throws IOException {
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        watched.put(key, plugin);
    }

    public void forget(String plugin) {
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
                String plugin = watched.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (plugin != null && event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                            && event.context() instanceof Path name && key.watchable() instanceof Path dir
                            && Files.isDirectory(dir.resolve(name))) {
                        watchQuietly(plugin, dir.resolve(name));   // a new subdirectory: its files count too
                    }
                }
                if (plugin != null) {
                    schedule(plugin);
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed
        }
    }

    private void watchQuietly(String plugin, Path dir) {
        try {
            watch(plugin, dir);
        } catch (UncheckedIOException gone) {
            // Removed again before we got to it: nothing to watch.
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
            if (Thread.currentThread() != thread) thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
