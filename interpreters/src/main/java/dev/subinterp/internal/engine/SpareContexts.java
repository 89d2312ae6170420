package dev.subinterp.internal.engine;

import dev.subinterp.interpreter.Language;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Interpreters made ahead of demand, one per language at most: a runtime that creates an interpreter
 * of a language after closing one of that language (pools that replace, one interpreter per request,
 * guests that create and close) will likely do it again, so the next one's Context is made on an idle
 * core meanwhile and {@code create()} takes it instead of waiting. A spare holds no id, runs no guest
 * code and has no streams of its own until it is taken ({@link WarmContext}); it is not made while the
 * machine's cores are busy, nor for a configuration other than the latest one asked for.
 */
public final class SpareContexts implements AutoCloseable {
    /** How long a spare waits for an idle core before it is given up (the next demand tries again). */
    private static final long PATIENCE_MILLIS = 10_000;
    private static final long RECHECK_MILLIS = 200;

    private final InProcessBackend.RuntimeServices runtime;
    private final long stackBytes;
    private final Map<Language, Spare> spares = new EnumMap<>(Language.class);   // guarded by this
    private final Map<Language, Boolean> churned = new EnumMap<>(Language.class);   // guarded by this
    /** Spares given up, whose threads close() still waits for; guarded by this. */
    private final List<Spare> leaving = new ArrayList<>();
    private volatile int perLanguage = 1;
    private boolean closed;   // guarded by this

    public SpareContexts(InProcessBackend.RuntimeServices runtime, long stackBytes) {
        this.runtime = runtime;
        this.stackBytes = stackBytes;
    }

    /** Sets how many spares each language keeps: 0 or 1 (0 closes those there are). */
    public void setPerLanguage(int count) {
        if (count < 0 || count > 1) {
            throw new IllegalArgumentException("spares per language must be 0 or 1, not " + count);
        }
        perLanguage = count;
        if (count == 0) {
            closeAll();
        }
    }

    /** The spares of {@code language} ready to be taken now. */
    public synchronized int ready(Language language) {
        Spare spare = spares.get(language);
        return spare != null && spare.ready.isDone() && !spare.ready.isCompletedExceptionally() ? 1 : 0;
    }

    /**
     * The spare that can serve {@code config}, waiting for it if it is still being made; null when there
     * is none (or its making failed), and the caller makes a Context of its own.
     */
    Spare take(InterpreterConfig config) {
        Spare spare;
        synchronized (this) {
            spare = spares.get(config.language());
            if (spare == null || !WarmContext.canServe(spare.recipe, config)) {
                return null;
            }
            spares.remove(config.language());
        }
        try {
            spare.ready.join();
            return spare;
        } catch (RuntimeException failed) {
            spare.discard();
            return null;
        }
    }

    /** An interpreter of {@code language} was closed: later ones of that language are worth a spare. */
    public synchronized void closedOne(Language language) {
        churned.put(language, true);
    }

    /** An interpreter was made from {@code config}: if its language churns, have a spare made for the next. */
    public void created(InterpreterConfig config) {
        synchronized (this) {
            if (closed || perLanguage == 0 || !churned.getOrDefault(config.language(), false)) {
                return;
            }
            Spare current = spares.get(config.language());
            if (current != null && WarmContext.canServe(current.recipe, config)) {
                return;
            }
            if (current != null) {
                spares.remove(config.language());
                current.stop();   // made for another configuration: its thread ends on its own time
                leaving.removeIf(spare -> !spare.owner.isAlive());
                leaving.add(current);
            }
        }
        scheduleWhenIdle(config, System.nanoTime());
    }

    private void scheduleWhenIdle(InterpreterConfig config, long since) {
        try {
            runtime.watchdog().schedule(() -> makeWhenIdle(config, since), RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException runtimeClosing) {
            // The runtime is closing: no spare.
        }
    }

    /** On the watchdog: starts the spare if a core is idle, looks again later if not. */
    private void makeWhenIdle(InterpreterConfig config, long since) {
        if (MachineLoad.busy()) {
            if (System.nanoTime() - since < TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS)) {
                scheduleWhenIdle(config, since);
            }
            return;
        }
        synchronized (this) {
            if (closed || perLanguage == 0 || spares.containsKey(config.language())) {
                return;
            }
            spares.put(config.language(), Spare.start(runtime, config, stackBytes));
        }
    }

    /** Closes every spare and makes no more; returns when their threads have ended. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        closeAll();
    }

    private void closeAll() {
        List<Spare> gone;
        synchronized (this) {
            gone = new ArrayList<>(spares.values());
            gone.addAll(leaving);
            spares.clear();
            leaving.clear();
        }
        gone.forEach(Spare::stop);
        gone.forEach(spare -> spare.owner.awaitEnd(() -> { }));
    }

    /** A Context being made, or made, on its own thread, with streams that lead nowhere until it is taken. */
    static final class Spare {
        private static final String THREAD_PREFIX = "interpreter-spare-";

        final InterpreterConfig recipe;
        final StreamRelay relay;
        final OwnerThread owner;
        final CompletableFuture<WarmContext> ready;

        private Spare(InterpreterConfig recipe, StreamRelay relay, OwnerThread owner, CompletableFuture<WarmContext> ready) {
            this.recipe = recipe;
            this.relay = relay;
            this.owner = owner;
            this.ready = ready;
        }

        static Spare start(InProcessBackend.RuntimeServices runtime, InterpreterConfig config, long stackBytes) {
            StreamRelay relay = new StreamRelay();
            InterpreterConfig recipe = config.relayedThrough(relay);
            GuestContexts.Io io = new GuestContexts.Io(relay.out, relay.err, relay.in, InProcessBackend.files(runtime, recipe));
            CompletableFuture<WarmContext> made = new CompletableFuture<>();
            OwnerThread owner = new OwnerThread(THREAD_PREFIX + recipe.language().id(),
                    () -> made.thenAccept(warm -> warm.context().close(true)), stackBytes);
            owner.submit(() -> made.complete(WarmContext.build(runtime, recipe, io, new HostWaits(runtime.watchdog()))), Spare::discarded)
                    .whenComplete((done, failed) -> {
                        if (failed != null) {
                            made.completeExceptionally(failed);
                        }
                    });
            return new Spare(recipe, relay, owner, made);
        }

        private static IllegalStateException discarded() {
            return new IllegalStateException("the spare interpreter was discarded");
        }

        /**
         * Ends its thread, which closes its Context once made. The thread is renamed
         * {@code interpreter-spare-LANG-closing}: only a spare waiting to be taken is named
         * {@code interpreter-spare-LANG}, so a thread dump tells a runtime's spare from one being closed.
         */
        void stop() {
            owner.rename(THREAD_PREFIX + recipe.language().id() + "-closing");
            owner.stop(Spare::discarded);
        }

        /** Closes its Context and ends its thread; returns when the thread has ended. */
        void discard() {
            stop();
            owner.awaitEnd(() -> { });
        }
    }

    /** Whether the machine has no idle core, by the operating system's recent CPU load. */
    static final class MachineLoad {
        private static final com.sun.management.OperatingSystemMXBean OS =
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os : null;

        private MachineLoad() {
        }

        static boolean busy() {
            double load = OS != null ? OS.getCpuLoad() : -1;
            int cores = Runtime.getRuntime().availableProcessors();
            // Busy unless about one core is free: with 2 cores, above 60% of the machine.
            return load >= 0 && load * cores > cores - 0.8;
        }
    }
}
