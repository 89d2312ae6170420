package dev.subinterp.service;

import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.policy.SandboxPolicy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runtimes prepared for commands that are likely to come again: after a command ends, a runtime for
 * the same kind of command (its arguments, with the code of {@code -c CODE} left out since it does
 * not shape the interpreter) in the same working directory and environment, under the same policy,
 * is made with its first interpreter already created. The next such command skips interpreter
 * creation (about a second for Python); if its interpreter would differ after all, the runtime makes
 * a new one (see {@link Interpreters#prepareSuccessor()}). One preparation at a time, on one thread,
 * so that it never takes both cores; the {@value #KEEP} most recent kinds are kept, older ones closed.
 */
final class ReadyRuntimes implements AutoCloseable {
    static final int KEEP = 4;

    private record Key(List<String> shape, HostEnvironment host, SandboxPolicy policy) {
        static Key of(List<String> arguments, HostEnvironment host, SandboxPolicy policy) {
            List<String> shape = new ArrayList<>(arguments);
            for (int i = 0; i + 1 < shape.size(); i++) {
                if (shape.get(i).equals("-c")) {
                    shape.set(i + 1, "");
                }
            }
            return new Key(List.copyOf(shape), host, policy);
        }
    }

    private final ExecutorService preparer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("runner-service-prepare").daemon(true).factory());
    private final Map<Key, CompletableFuture<Optional<Interpreters>>> ready = new LinkedHashMap<>();
    private boolean closed;
    private final java.util.concurrent.atomic.AtomicLong used = new java.util.concurrent.atomic.AtomicLong();

    /** The runtime prepared for this kind of command (waiting while it is still being made), if any. */
    Optional<Interpreters> take(List<String> arguments, HostEnvironment host, SandboxPolicy policy) {
        CompletableFuture<Optional<Interpreters>> prepared;
        synchronized (this) {
            prepared = ready.remove(Key.of(arguments, host, policy));
        }
        Optional<Interpreters> runtime;
        try {
            runtime = prepared == null ? Optional.empty() : prepared.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException failed) {
            runtime = Optional.empty();   // preparing failed: the command makes its own
        }
        runtime.ifPresent(r -> used.incrementAndGet());
        return runtime;
    }

    /** How many commands got a prepared runtime. */
    long used() {
        return used.get();
    }

    /** Prepares, in the background, a successor of {@code finished} for the next identical command. */
    void prepareAfter(List<String> arguments, HostEnvironment host, SandboxPolicy policy, Interpreters finished) {
        Key key = Key.of(arguments, host, policy);
        List<CompletableFuture<Optional<Interpreters>>> evicted = new ArrayList<>();
        synchronized (this) {
            if (closed || ready.containsKey(key)) {
                return;
            }
            ready.put(key, CompletableFuture.supplyAsync(finished::prepareSuccessor, preparer));
            Iterator<CompletableFuture<Optional<Interpreters>>> oldestFirst = ready.values().iterator();
            while (ready.size() > KEEP) {
                evicted.add(oldestFirst.next());
                oldestFirst.remove();
            }
        }
        evicted.forEach(ReadyRuntimes::discard);
    }

    /** How many requests have a runtime prepared or being prepared. */
    synchronized int size() {
        return ready.size();
    }

    @Override
    public void close() {
        List<CompletableFuture<Optional<Interpreters>>> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(ready.values());
            ready.clear();
        }
        preparer.shutdown();
        try {
            // A context still being created while its engine closes would hold the engine's close up.
            preparer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(ReadyRuntimes::discard);
    }

    private static void discard(CompletableFuture<Optional<Interpreters>> prepared) {
        prepared.thenAccept(runtime -> runtime.ifPresent(Interpreters::close));
    }
}
