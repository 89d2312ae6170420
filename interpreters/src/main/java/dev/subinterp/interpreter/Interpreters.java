package dev.subinterp.interpreter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.subinterp.value.Shareable;
import dev.subinterp.internal.channel.ChannelMaker;
import dev.subinterp.internal.engine.InProcessBackend;
import dev.subinterp.internal.engine.SpareContexts;
import dev.subinterp.internal.engine.InterpreterBackend;
import dev.subinterp.internal.engine.InterpreterConfig;
import dev.subinterp.internal.worker.ProcessBackend;
import dev.subinterp.internal.worker.WorkerPool;
import dev.subinterp.internal.worker.WorkerRuntimes;
import dev.subinterp.internal.engine.PackageDirectories;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import org.graalvm.polyglot.Engine;

import dev.subinterp.channel.Channel;
import dev.subinterp.channel.Queue;
import dev.subinterp.channel.SharedBuffer;
import dev.subinterp.internal.sandbox.HeapGuard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A runtime of interpreters: one shared GraalVM {@link Engine} (so that code parsed and compiled for
 * one interpreter is reused by the next), one sandbox policy, and the registry of live interpreters.
 * The host itself is the main interpreter, id 0; interpreters created here get ids from 1.
 *
 * <pre>{@code
 * try (Interpreters runtime = new Interpreters();
 *      Interpreter py = runtime.create(Language.PYTHON)) {
 *     py.exec("def add(a, b): return a + b");
 *     JsonNode sum = py.call("add", 2, 3);   // 5
 * }
 * }</pre>
 *
 * <p>{@link #close()} closes every interpreter still open, then the engine.
 */
public final class Interpreters implements AutoCloseable {
    /** The id PEP 734 gives the main interpreter: here, the host. */
    public static final int MAIN_ID = 0;

    private final SandboxPolicy policy;
    private final Engine engine;
    private final boolean ownsEngine;
    private final HostEnvironment host;
    private final Map<Integer, Interpreter> live = new ConcurrentHashMap<>();
    /** Interpreters whose thread has not ended yet, closed ones included: close() waits for them all. */
    private final Set<Interpreter> started = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextId;
    /** Whether this runtime serves a family inside a worker JVM: its interpreters run here, whatever the policy's isolation. */
    private final boolean inWorker;
    /** Interpreters open or being created, for the policy's limits.interpreters; guarded by itself. */
    private final AtomicInteger alive = new AtomicInteger();
    /**
     * The first id of this runtime's queues and channels. In a worker, the family's own start far above
     * the supervisor's, which its guests may hold too: guests tell queues apart by id.
     */
    private static final long WORKER_FIRST_HANDLE_ID = 1L << 32;
    private final AtomicLong nextQueueId;
    private final AtomicLong nextChannelId;
    /** Queues and channels to close with the runtime; weak, since an unreachable one has no waiter to wake. */
    private final Set<AutoCloseable> shared = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("interpreters-watchdog").daemon(true).factory());
    private volatile boolean closed;
    /** Turns the embedder's Java values into JSON and back (see {@link Shareable}). */
    private volatile ObjectMapper objectMapper = Shareable.newMapper();
    /** What each interpreter's backend needs from this runtime. */
    private final InProcessBackend.RuntimeServices engineSide;
    /** Interpreters made ahead of demand for a language this runtime keeps creating (see {@link #spares(int)}). */
    private final SpareContexts spares;

    /** A runtime under the {@code default} policy. */
    public Interpreters() {
        this(PolicyLoader.defaultPolicy());
    }

    /** A runtime whose interpreters all run under {@code policy}. */
    public Interpreters(SandboxPolicy policy) {
        this(policy, HostEnvironment.current());
    }

    /** A runtime whose guests see {@code host} as their process's working directory and environment. */
    public Interpreters(SandboxPolicy policy, HostEnvironment host) {
        this(policy, newEngine(), true, host);
    }

    /**
     * A runtime on an engine that outlives it ({@link #close()} leaves {@code engine} open): code the
     * engine compiled for earlier runtimes is reused, so a new interpreter of a warm engine starts and
     * runs faster. Guests see {@code host} as their process's working directory and environment.
     *
     * @param engine from {@link #newEngine()}; every runtime sharing it must use the same host-access level
     */
    public Interpreters(SandboxPolicy policy, Engine engine, HostEnvironment host) {
        this(policy, engine, false, host);
    }

    private Interpreters(SandboxPolicy policy, Engine engine, boolean ownsEngine, HostEnvironment host) {
        this(policy, engine, ownsEngine, host, MAIN_ID + 1, WorkerPool.inWorker());
    }

    static {
        // A worker JVM makes the runtime of the family it serves through this (see WorkerRuntimes).
        WorkerRuntimes.install((policy, engine, host, firstId) -> new Interpreters(policy, engine, false, host, firstId, true));
    }

    private Interpreters(SandboxPolicy policy, Engine engine, boolean ownsEngine, HostEnvironment host, int firstId, boolean inWorker) {
        this.nextId = new AtomicInteger(firstId);
        this.inWorker = inWorker;
        this.nextQueueId = new AtomicLong(inWorker ? WORKER_FIRST_HANDLE_ID : 1);
        this.nextChannelId = new AtomicLong(inWorker ? WORKER_FIRST_HANDLE_ID : 1);
        this.policy = policy;
        this.engine = engine;
        this.ownsEngine = ownsEngine;
        this.host = host;
        this.engineSide = new InProcessBackend.RuntimeServices(engine, policy, host, watchdog);
        this.spares = new SpareContexts(engineSide, policy.limits().recursionDepth().map(InProcessBackend::stackFor).orElse(0L));
        HeapGuard.instance().watch(runningCalls);
        if (!inWorker) {
            InterpreterOnlyNotice.sayOnceIfNeeded(this);
        }
    }

    /**
     * A GraalVM engine configured as runtimes need it; close it after the last runtime that shares it.
     * Truffle's own several-line warning about running interpreter-only is replaced by this library's one
     * line (see {@link #isJitEnabled()}), which {@code -Dpolyglot.engine.WarnInterpreterOnly=false} turns off too.
     */
    public static Engine newEngine() {
        return Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
    }

    /**
     * How many interpreters of each language this runtime keeps ready ahead of demand: 1 (the default)
     * or 0. A runtime that creates an interpreter of a language after closing one of it (one interpreter
     * per request, a pool that replaces its interpreters, guests that create and close) has the next one
     * made meanwhile, on an idle core, and {@code create()} takes it instead of waiting for a new one.
     * A spare is the same as a new interpreter: it has no id until taken (ids stay in order), has run
     * no guest code, and is made for the latest configuration asked for (language, arguments, script
     * directory, packages); it is not made while every core is busy. 0 closes the spares there are.
     * Returns this runtime.
     */
    public Interpreters spares(int perLanguage) {
        spares.setPerLanguage(perLanguage);
        return this;
    }

    /** How many interpreters of {@code language} are ready ahead of demand now (see {@link #spares(int)}). */
    public int readySpares(Language language) {
        return spares.ready(language);
    }

    /**
     * Converts the Java values given to this runtime's interpreters, and their results read as Java types,
     * with {@code mapper} (its modules, naming strategy and annotations apply) instead of the default one
     * ({@link Shareable#newMapper()}). Returns this runtime.
     */
    public Interpreters objectMapper(ObjectMapper mapper) {
        this.objectMapper = java.util.Objects.requireNonNull(mapper, "mapper");
        return this;
    }

    /**
     * Package directories every interpreter of this runtime imports from (see
     * {@link Interpreter.Builder#packages}); replaces earlier ones. Returns this runtime.
     *
     * @throws IllegalArgumentException a directory does not exist
     * @throws PolicyException          the policy does not allow a directory
     */
    public Interpreters packages(Path... directories) {
        this.packages = PackageDirectories.checked(List.of(directories), policy);
        return this;
    }

    /** The package directories every interpreter of this runtime imports from (real paths). */
    public List<Path> packages() {
        return packages;
    }

    private volatile List<Path> packages = List.of();

    /** The mapper that converts Java values for this runtime's interpreters. */
    public ObjectMapper objectMapper() {
        return objectMapper;
    }

    /** The calls running in this runtime, for the heap guard. */
    private final java.util.function.Supplier<List<? extends HeapGuard.Candidate>> runningCalls =
            () -> live.values().stream().flatMap(i -> i.runningCall().stream()).toList();

    /** Creates a {@code language} interpreter with default options; blocks until it is ready. */
    public Interpreter create(Language language) {
        return newInterpreter(language).create();
    }

    /** Options for a new interpreter (output sinks, time limit); finish with {@code create()}. */
    public Interpreter.Builder newInterpreter(Language language) {
        return new Interpreter.Builder(this, language);
    }

    /**
     * A new queue (PEP 734's {@code create_queue}) that can be handed to any interpreter of this
     * runtime with {@code prepareMain} or as a call argument.
     *
     * @param maxsize the most items it holds at once; 0 means unbounded
     */
    public Queue createQueue(int maxsize) {
        return register(ChannelMaker.get().queue(nextQueueId.getAndIncrement(), maxsize, policy.limits().queueBytes().orElse(0L)));
    }

    /**
     * New shared bytes, zeroed, that the interpreters it is handed to map instead of copying (see
     * {@link SharedBuffer}; Python guests get a copy on GraalVM 25.0).
     *
     * @param size its size in bytes, fixed; at most {@code limits.queueBytes} when the policy sets it
     */
    public SharedBuffer createSharedBuffer(int size) {
        policy.limits().queueBytes().ifPresent(max -> {
            if (size > max) {
                throw new PolicyException(policy.name(), "$.limits.queueBytes", "allows " + max + " bytes, not a shared buffer of " + size);
            }
        });
        return ChannelMaker.get().buffer(nextBufferId.getAndIncrement(), size);
    }

    private final AtomicLong nextBufferId = new AtomicLong(1);

    /** A new channel; hand its {@code sendEnd()} and {@code recvEnd()} to the interpreters that use it. */
    public Channel createChannel() {
        return register(ChannelMaker.get().channel(nextChannelId.getAndIncrement()));
    }

    /** This runtime's queue {@code id}, if it is still held somewhere. */
    public Optional<Queue> findQueue(long id) {
        return findShared(Queue.class, id, Queue::id);
    }

    /** This runtime's channel {@code id}, if it is still held somewhere. */
    public Optional<Channel> findChannel(long id) {
        return findShared(Channel.class, id, Channel::id);
    }

    private <T> Optional<T> findShared(Class<T> kind, long id, java.util.function.ToLongFunction<T> idOf) {
        synchronized (shared) {
            for (AutoCloseable resource : shared) {
                if (kind.isInstance(resource) && idOf.applyAsLong(kind.cast(resource)) == id) {
                    return Optional.of(kind.cast(resource));
                }
            }
        }
        return Optional.empty();
    }

    /** The channels of this runtime that are not closed (see {@link Channel#isClosed()}) and still held somewhere, in id order. */
    public List<Channel> listChannels() {
        List<Channel> open = new ArrayList<>();
        synchronized (shared) {
            for (AutoCloseable resource : shared) {
                if (resource instanceof Channel channel && !channel.isClosed()) {
                    open.add(channel);
                }
            }
        }
        open.sort(Comparator.comparingLong(Channel::id));
        return open;
    }

    private <T extends AutoCloseable> T register(T resource) {
        if (closed) {
            throw new InterpreterClosedError("the runtime is closed");
        }
        shared.add(resource);
        return resource;
    }

    /** The interpreters that are open, in id order. */
    public List<Interpreter> listAll() {
        List<Interpreter> all = new ArrayList<>(live.values());
        all.sort(Comparator.comparingInt(Interpreter::id));
        return all;
    }

    /** The open interpreter with id {@code id}, if any. */
    public Optional<Interpreter> get(int id) {
        return Optional.ofNullable(live.get(id));
    }

    /** The working directory and environment this runtime's guests see. */
    public HostEnvironment host() {
        return host;
    }

    /** The policy every interpreter of this runtime runs under. */
    public SandboxPolicy policy() {
        return policy;
    }

    /** Whether guest code is compiled by Truffle's optimizing runtime (Graal JIT), not only interpreted. */
    public boolean isJitEnabled() {
        return !"Interpreted".equals(engine.getImplementationName());
    }

    /** The name of the Truffle runtime in use, e.g. {@code Interpreted} or {@code GraalVM CE}. */
    public String truffleRuntimeName() {
        return engine.getImplementationName();
    }

    /**
     * Closes every queue and channel (waking blocked callers, host or guest, with an error), every open
     * interpreter (cancelling running calls), then the shared engine. Leaves no thread behind. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        List<AutoCloseable> toClose;
        synchronized (shared) {
            toClose = new ArrayList<>(shared);
        }
        try {
            for (AutoCloseable resource : toClose) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + resource + " failed", e);
                }
            }
            for (Interpreter interpreter : List.copyOf(started)) {
                interpreter.close();
            }
        } finally {
            spares.close();
            HeapGuard.instance().forget(runningCalls);
            watchdog.shutdownNow();
            awaitWatchdogEnd();
            if (ownsEngine) {
                try {
                    engine.close();
                } catch (IllegalStateException stillInUse) {
                    engine.close(true);
                }
            }
        }
    }

    /** close() returns with no thread of this runtime left; the watchdog's tasks are short. */
    private void awaitWatchdogEnd() {
        try {
            watchdog.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A new runtime like this one (policy, shared engine, host) whose first interpreter is already
     * being created, like this runtime's first one was: when the same work comes again (a service
     * running the same command), its first {@code create()} takes that interpreter, connected to the
     * streams it asks for, instead of waiting for a new one. The interpreter has run no guest code.
     *
     * @return empty when this runtime owns its engine, or its first interpreter had host objects or
     *         functions handed in (those cannot be prepared without the caller)
     */
    public Optional<Interpreters> prepareSuccessor() {
        InterpreterConfig recipe = firstConfig;
        if (ownsEngine || recipe == null || !recipe.isPlain()) {
            return Optional.empty();
        }
        Interpreters successor = new Interpreters(policy, engine, false, host);
        try {
            successor.prepared = PreparedInterpreter.start(recipe, relayed -> successor.start(relayed, null));
        } catch (RuntimeException | Error e) {
            successor.close();
            return Optional.empty();
        }
        return Optional.of(successor);
    }

    /** The configuration of this runtime's first interpreter, kept for {@link #prepareSuccessor()}. */
    private volatile InterpreterConfig firstConfig;
    private volatile PreparedInterpreter prepared;

    /** The prepared interpreter, if there is one and it can stand in for {@code config}; else null. */
    private Interpreter takePrepared(InterpreterConfig config) {
        PreparedInterpreter ready;
        synchronized (this) {
            ready = prepared;
            prepared = null;
        }
        return ready == null ? null : ready.takeFor(config);
    }

    Interpreter start(InterpreterConfig config, Interpreter parent) {
        if (closed) {
            throw new InterpreterClosedError("the runtime is closed");
        }
        boolean hadPrepared = prepared != null;
        Interpreter early = takePrepared(config);
        if (early != null) {
            return early;
        }
        if (firstConfig == null || hadPrepared) {
            firstConfig = config;   // the first real request, not the recipe of an interpreter that could not stand in for it
        }
        Language language = config.language();
        if (!policy.allowsLanguage(language.id())) {
            throw new PolicyException(policy.name(), "$.languages", "does not allow " + language.id());
        }
        int id = config.whence().equals(Interpreter.WHENCE_MAIN) ? claimMainId() : nextId.getAndIncrement();
        reserveSlot();
        Interpreter interpreter = new Interpreter(this, id, config, parent);
        try {
            interpreter.attach(backendFor(interpreter, config, parent));
        } catch (RuntimeException | Error e) {
            alive.decrementAndGet();
            throw e;
        }
        started.add(interpreter);   // before live: ended() may remove it as soon as it is closed
        live.put(interpreter.id(), interpreter);
        if (interpreter.isClosed()) {   // closed while it started: nothing else will forget it
            forget(interpreter);
        }
        if (closed) {   // closed while this one started
            interpreter.close();
            throw new InterpreterClosedError("the runtime is closed");
        }
        return interpreter;
    }

    /** Whether a guest interpreter of this runtime is its main one (id 0), not the Java host. */
    private volatile boolean guestMain;

    /** Id 0, for the runtime's main interpreter: only while no other interpreter has been numbered. */
    private synchronized int claimMainId() {
        // A worker's runtime counts from the id its family's first interpreter has in the host: 0 here.
        nextId.compareAndSet(MAIN_ID, MAIN_ID + 1);
        // (A prepared main that could not stand in for the request was closed, and leaves its place.)
        if (live.containsKey(MAIN_ID) || nextId.get() != MAIN_ID + 1) {
            throw new IllegalStateException("only a runtime's first interpreter can be its main interpreter");
        }
        guestMain = true;
        return MAIN_ID;
    }

    /** Whether guests see one of this runtime's interpreters as the main interpreter (else the Java host is). */
    boolean hasGuestMain() {
        return guestMain;
    }

    /**
     * Where {@code interpreter} runs: in a worker JVM of its own when the policy asks for process isolation
     * and the host created it (a guest's interpreters join their family, in the same worker), else here.
     */
    private InterpreterBackend backendFor(Interpreter interpreter, InterpreterConfig config, Interpreter parent) {
        if (policy.processIsolated() && !inWorker && parent == null) {
            return new ProcessBackend(WorkerPool.shared(), interpreter.id(), config, policy, host, interpreter.timeLimit(),
                    () -> forget(interpreter), () -> ended(interpreter));
        }
        InProcessBackend backend = new InProcessBackend(engineSide, interpreter.id(), config, interpreter.timeLimit(), spares,
                bridge -> new GuestModule(interpreter, this, bridge), () -> forget(interpreter), () -> ended(interpreter));
        spares.created(config);
        return backend;
    }

    /**
     * Counts one more interpreter, or refuses it if the policy's limit is reached, or if the thread stacks
     * of the interpreters alive would pass {@link #STACK_BUDGET_BYTES} (stacks are outside the heap, so
     * the heap guard never sees them; each is sized for {@code limits.recursionDepth}).
     */
    private void reserveSlot() {
        int limit = policy.limits().interpreters().orElse(Integer.MAX_VALUE);
        long stack = policy.limits().recursionDepth().map(InProcessBackend::stackFor).orElse(0L);
        while (true) {
            int now = alive.get();
            if (now >= limit) {
                throw new InterpreterError("cannot create another interpreter: the sandbox policy (" + policy.name()
                        + ") allows " + limit + " at once (limits.interpreters)");
            }
            if ((now + 1) * stack > STACK_BUDGET_BYTES) {
                throw new InterpreterError("cannot create another interpreter: the thread stacks of " + (now + 1)
                        + " interpreters sized for limits.recursionDepth " + policy.limits().recursionDepth().orElseThrow()
                        + " would pass " + (STACK_BUDGET_BYTES >> 30) + " GiB");
            }
            if (alive.compareAndSet(now, now + 1)) {
                return;
            }
        }
    }

    /** The most thread stack memory one runtime's interpreters may reserve together. */
    static final long STACK_BUDGET_BYTES = 4L << 30;

    void forget(Interpreter interpreter) {
        if (live.remove(interpreter.id(), interpreter)) {
            alive.decrementAndGet();
            spares.closedOne(interpreter.language());
        }
        if (interpreter.family().root() == interpreter) {
            interpreter.family().closeMembers(live.values());
        }
    }

    /** Called on an interpreter's own thread as it ends, after its Context is closed. */
    void ended(Interpreter interpreter) {
        started.remove(interpreter);
    }


}
