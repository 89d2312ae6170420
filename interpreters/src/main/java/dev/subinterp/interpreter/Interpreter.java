package dev.subinterp.interpreter;

import dev.subinterp.channel.BriefSpin;
import dev.subinterp.value.Shareable;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.JsonPath;
import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.policy.HostAccessLevel;
import dev.subinterp.policy.OutputMode;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.SandboxPolicy;
import dev.subinterp.sandbox.HeapGuard;
import dev.subinterp.sandbox.OutputBudget;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One isolated interpreter: its own GraalVM Context (own globals, own {@code __main__}), running
 * Python or JavaScript on its own platform thread. Any host thread may call any method; calls are
 * queued and run one at a time on the interpreter's thread, so a Context is never entered from two
 * threads. Values cross only as JSON and bytes (see {@link Shareable}).
 *
 * <p>Created by {@link Interpreters#create(Language)}; {@link #close()} ends it (closing is idempotent).
 */
public final class Interpreter implements AutoCloseable {
    private static final String STRING_SOURCE = "<string>";
    private static final int REMEMBERED_SOURCES = 32;
    static final String WHENCE_HOST = "C-API";
    static final String WHENCE_STDLIB = "stdlib";

    private final Interpreters runtime;
    private final int id;
    private final Language language;
    private final Optional<Duration> timeLimit;
    private final String whence;
    private final Builder options;
    private final OwnerThread owner;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final HostWaits hostWaits;
    private final java.util.concurrent.atomic.AtomicInteger waitingOnOthers = new java.util.concurrent.atomic.AtomicInteger();

    // Owned by the interpreter's thread; context is also read by close() to cancel a running call.
    private volatile Context context;
    private GuestBridge bridge;
    private final Map<String, String> recentSources = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_SOURCES;
        }
    };

    private int callDepth;                    // owner thread only: calls in progress, nested ones included
    private final Object callLock = new Object();
    private volatile long currentCall;        // written under callLock; read without it by the output budget
    private volatile StopReason stopReason;   // why the runtime stopped the current call, if it did
    private volatile String endedBecause;
    private final OutputBudget outputBudget;   // null when the policy sets no output limit

    /** Why the runtime stopped a call. */
    private enum StopReason { TIME, OUTPUT, MEMORY }
    private volatile long allocatedAtCallStart = -1;   // the owner thread's allocation counter when the call began; -1 when idle

    private Interpreter(Interpreters runtime, int id, Builder options) {
        this.runtime = runtime;
        this.hostWaits = new HostWaits(runtime.watchdog());
        this.id = id;
        this.language = options.language;
        this.whence = options.whence;
        this.options = options;
        SandboxPolicy policy = runtime.policy();
        this.timeLimit = options.timeLimit != null ? Optional.of(options.timeLimit) : policy.timeLimitPerCall();
        this.outputBudget = policy.limits().outputBytes().map(limit -> new OutputBudget(limit, this::outputLimitReached)).orElse(null);
        Path scriptDirectory = options.scriptDirectory != null ? options.scriptDirectory : runtime.host().workingDirectory();
        GuestContexts.Io io = new GuestContexts.Io(guestStream(policy.stdout(), options.stdout),
                guestStream(policy.stderr(), options.stderr), options.stdin, GuestContexts.files(policy, scriptDirectory, runtime.host()));
        this.owner = new OwnerThread("interpreter-" + id + "-" + language.id(), () -> {
            closeContext();
            runtime.ended(this);
        }, policy.limits().recursionDepth().map(Interpreter::stackFor).orElse(0L));
        CompletableFuture<Void> started = owner.submit(() -> {
            context = GuestContexts.builder(runtime.engine(), policy, language, io, runtime.host()).arguments(language.id(), options.arguments).build();
            bridge = GuestBridge.of(language, context, GuestContexts.canReadWorkingDirectory(io, runtime.host()), hostWaits);
            bridge.applyPolicy(policy);
            bridge.installInterpretersModule(new GuestModule(this, runtime));
            options.hostObjects.forEach((name, object) -> bridge.mainScope().putMember(name, object));
            if (options.hostFunctionsName != null) {
                bridge.installHostFunctions(options.hostFunctionsName, options.hostFunctions);
            }
            return null;
        }, this::closedError);
        try {
            await(started);
        } catch (RuntimeException e) {
            close();
            throw e instanceof PolyglotException p ? new InterpreterError("could not create a " + language.id() + " interpreter: " + p.getMessage(), p) : e;
        }
    }

    /** This interpreter's id, unique within its runtime (PEP 734's {@code Interpreter.id}; 0 is the host). */
    public int id() {
        return id;
    }

    /** The language this interpreter runs. */
    public Language language() {
        return language;
    }

    /**
     * How this interpreter came to be, in PEP 734's words: {@code C-API} when the Java host created it,
     * {@code stdlib} when a guest did through its {@code interpreters} module.
     */
    public String whence() {
        return whence;
    }

    /** The time limit applied to each exec or call, if any. */
    public Optional<Duration> timeLimit() {
        return timeLimit;
    }

    /**
     * Runs {@code source} in this interpreter's {@code __main__} (JS: its global scope); blocks until
     * it finishes. State persists between calls. Tracebacks name the source {@code <string>}.
     *
     * @throws ExecutionFailed         the code raised an exception it did not catch (syntax errors too)
     * @throws TimeLimitExceeded       the code ran past the time limit
     * @throws InterpreterExited       the code asked the interpreter to exit; it is now closed
     * @throws InterpreterClosedError  the interpreter is closed
     */
    public void exec(String source) {
        exec(source, STRING_SOURCE);
    }

    /**
     * Like {@link #exec(String)}, with {@code sourceName} (usually a file name) used in tracebacks.
     * A JS source whose name ends in {@code .mjs} runs as an ES module.
     */
    public void exec(String source, String sourceName) {
        await(submit(() -> {
            recentSources.put(sourceName, source);
            context.eval(bridge.source(source, sourceName));
            return null;
        }));
    }

    /**
     * Runs Python code compiled in another interpreter of this runtime (a {@code marshal}led code object,
     * as a {@code SourceTransform} makes), in {@code __main__}, like PEP 734's {@code exec} of a code
     * object. The code keeps the positions it was compiled with; {@code sourceText} (the original
     * source of {@code sourceName}) is what tracebacks show for those lines.
     *
     * @throws IllegalArgumentException this is not a Python interpreter
     * @throws ExecutionFailed          the code raised an exception it did not catch
     */
    public void execCompiled(byte[] marshalledCode, String sourceName, String sourceText) {
        if (language != Language.PYTHON) {
            throw new IllegalArgumentException("interpreter " + id + " runs " + language.id() + ", not Python: compiled Python code cannot run in it");
        }
        await(submit(() -> {
            recentSources.put(sourceName, sourceText);
            return bridge.execCompiled(marshalledCode);
        }));
    }

    /**
     * Calls the function {@code function} defined in {@code __main__} with {@code args} (each copied
     * into the interpreter, see {@link Shareable#fromJava}) and returns a copy of its result. Blocks.
     *
     * @throws NoSuchElementException   nothing of that name is defined in {@code __main__}
     * @throws IllegalArgumentException the name is bound to something that cannot be called
     * @throws NotShareableError        an argument or the result cannot cross
     * @throws ExecutionFailed          the function raised
     */
    public JsonNode call(String function, Object... args) {
        return await(callInThread(function, args));
    }

    /**
     * Queues a call like {@link #call} and returns at once. The future completes with the result, or
     * with the exception {@code call} would throw. Cancelling it before it starts skips the call.
     *
     * @throws NotShareableError at once, if an argument cannot cross
     */
    public CompletableFuture<JsonNode> callInThread(String function, Object... args) {
        List<JsonNode> arguments = java.util.Arrays.stream(args).map(Shareable::fromJava).toList();
        return submit(() -> {
            Value callee = mainScope().getMember(function);
            if (callee == null) {
                throw new NoSuchElementException("interpreter " + id + " has no function '" + function + "' in __main__");
            }
            if (!callee.canExecute()) {
                throw new IllegalArgumentException("'" + function + "' in __main__ of interpreter " + id
                        + " is " + GuestBridge.typeName(callee) + ", not a function");
            }
            Object[] guestArgs = arguments.stream().map(bridge::toGuest).toArray();
            return bridge.toHost(callee.execute(guestArgs));
        });
    }

    /**
     * Binds each entry of {@code values} as a variable in {@code __main__} (JS: a global), copying the
     * values in (PEP 734's {@code prepare_main}).
     *
     * @throws NotShareableError naming the key and path of a value that cannot cross; nothing is bound then
     */
    public void prepareMain(Map<String, ?> values) {
        Map<String, JsonNode> copies = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            try {
                copies.put(name, Shareable.fromJava(value));
            } catch (NotShareableError e) {
                throw new NotShareableError(JsonPath.root().key(name) + e.path().substring(1), e.typeName(),
                        e.getMessage().substring(e.path().length() + 2));
            }
        });
        await(submit(() -> {
            Value scope = mainScope();
            copies.forEach((name, value) -> scope.putMember(name, bridge.toGuest(value)));
            return null;
        }));
    }

    /**
     * A copy of the variable {@code name} of {@code __main__} (JS: a global).
     *
     * @throws NoSuchElementException no such variable
     * @throws NotShareableError      its value cannot cross
     */
    public JsonNode getMainAttr(String name) {
        return await(submit(() -> {
            Value value = mainScope().getMember(name);
            if (value == null) {
                throw new NoSuchElementException("interpreter " + id + " has no '" + name + "' in __main__");
            }
            return bridge.toHost(value);
        }));
    }

    /** Whether guest code is running in this interpreter right now. */
    public boolean isRunning() {
        return owner.isBusy() && !closed.get();
    }

    /**
     * Whether a call made now would have to wait for another to finish: guest code is running and the
     * interpreter is not merely waiting on another interpreter (when it is, it takes calls meanwhile).
     */
    boolean isBusy() {
        return isRunning() && !owner.isServing() && waitingOnOthers.get() == 0;
    }

    /**
     * Runs {@code call}, a call from this interpreter's guest into another interpreter, marking this
     * one as waiting meanwhile, so that the other may call back (before this thread starts serving).
     */
    <T> T waitingOnAnother(java.util.function.Supplier<T> call) {
        if (!owner.isCurrent()) {
            return call.get();   // a guest thread waits without serving: this interpreter stays "running"
        }
        waitingOnOthers.incrementAndGet();
        try {
            return call.get();
        } finally {
            waitingOnOthers.decrementAndGet();
        }
    }

    /** Whether this interpreter has been closed (by {@link #close()}, its runtime, or a guest exit). */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes this interpreter: calls still queued fail with {@link InterpreterClosedError}, a call
     * that is running is cancelled, and the Context and its thread end before this returns (unless
     * called from the interpreter's own thread). Idempotent.
     */
    @Override
    public void close() {
        markClosed("interpreter " + id + " is closed");
        if (owner.isCurrent()) {
            return;   // the thread ends after the task that called us
        }
        boolean interrupted = false;
        while (owner.isAlive()) {   // also when already closed (a guest exit): wait until the Context is gone
            if (owner.isBusy()) {
                hostWaits.wakeAll();
                cancelRunningCall();
            }
            try {
                owner.join(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Interpreter[id=" + id + ", language=" + language.id() + (closed.get() ? ", closed" : "") + "]";
    }

    // ---- internals ---------------------------------------------------------------------------------

    static Interpreter start(Interpreters runtime, int id, Builder options) {
        return new Interpreter(runtime, id, options);
    }

    /**
     * The interpreter at the top of this one's family: the one the host created and whose guest code,
     * directly or through children, created this one (itself, if the host created it).
     */
    Interpreter root() {
        Interpreter top = this;
        while (top.options.parent != null) {
            top = top.options.parent;
        }
        return top;
    }

    /** This interpreter's bridge, for its {@code interpreters} module, which runs on this interpreter's threads. */
    GuestBridge bridgeForModule() {
        return bridge;
    }

    /** Options for an interpreter created by this one's guest code: same output sinks, same time limit. */
    Builder childOptions(Language childLanguage) {
        Builder child = runtime.newInterpreter(childLanguage).stdout(options.stdout).stderr(options.stderr)
                .stdin(options.stdin).whence(WHENCE_STDLIB);
        child.parent = this;
        child.scriptDirectory = options.scriptDirectory;
        if (options.timeLimit != null) {
            child.timeLimit(options.timeLimit);
        }
        return child;
    }

    /**
     * Runs {@code work} with this interpreter's bridge on its own thread (under its limits) and returns
     * a shareable result: how the {@code interpreters} module of another guest reaches this one.
     */
    JsonNode withBridge(java.util.function.Function<GuestBridge, JsonNode> work) {
        return await(submit(() -> work.apply(bridge)));
    }

    private boolean markClosed(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        if (endedBecause == null) {
            endedBecause = reason;
        }
        runtime.forget(this);
        hostWaits.wakeAll();
        owner.stop(this::closedError);
        return true;
    }

    private InterpreterClosedError closedError() {
        return new InterpreterClosedError(endedBecause != null ? endedBecause : "interpreter " + id + " is closed");
    }

    private Value mainScope() {
        return bridge.mainScope();
    }

    /** Ends this interpreter for {@code reason}, cancelling the call it runs (caller holds callLock). */
    private void cancelFor(String reason) {
        endedBecause = reason;
        markClosed(reason);   // first: it wakes a call waiting on another interpreter
        cancelRunningCall();
    }

    private void cancelRunningCall() {
        Context c = context;
        if (c != null) {
            try {
                c.close(true);
            } catch (RuntimeException ignored) {
                // Already closed or closing: either way it no longer runs.
            }
        }
    }

    private void closeContext() {
        Context c = context;
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (RuntimeException stillBusy) {
            // Guest threads still running: cancel them.
            try {
                c.close(true);
            } catch (RuntimeException ignored) {
                // Nothing more can be done; the context is unusable either way.
            }
        }
    }

    private <T> CompletableFuture<T> submit(GuestWork<T> work) {
        if (owner.isCurrent()) {
            // A guest calling back into its own interpreter: run inline, queuing would deadlock.
            try {
                return CompletableFuture.completedFuture(work.run());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return owner.submit(() -> guarded(work), this::closedError);
    }

    /** Runs {@code work} on this thread under the time limit, turning guest failures into our errors. */
    private <T> T guarded(GuestWork<T> work) {
        if (closed.get()) {
            throw closedError();
        }
        if (callDepth > 0) {
            return nested(work);
        }
        callDepth++;
        try {
            return outermost(work);
        } finally {
            callDepth--;
        }
    }

    /**
     * A call served while this interpreter's own call waits on another interpreter: it runs under the
     * outer call's time limit and statement budget.
     */
    private <T> T nested(GuestWork<T> work) {
        try {
            return work.run();
        } catch (PolyglotException e) {
            throw translate(e);
        }
    }

    private <T> T outermost(GuestWork<T> work) {
        long call = beginCall();
        context.resetLimits();   // the statement limit counts per call
        ScheduledFuture<?> alarm = timeAlarm(call);
        try {
            T result = work.run();
            flushOutput();   // output still buffered in the guest belongs to this call, and to its limit
            if (outputBudget != null && outputBudget.exceeded()) {
                throw stopped(StopReason.OUTPUT);
            }
            StopReason lateStop = stopReason;
            if (lateStop != null) {
                throw stopped(lateStop);   // a limit that struck as the call returned still counts
            }
            return result;
        } catch (PolyglotException e) {
            flushOutput();
            if (alarm != null && e.isGuestException() && stopReason == null) {
                // Describing the guest's exception runs guest code too (the traceback module, the exception's
                // __str__), and under a limit of its own: a call that raised just before its limit (or
                // whose first traceback imports the traceback module) still reports its own error.
                alarm.cancel(false);
                alarm = timeAlarm(call);
            }
            throw translate(e);
        } catch (OutOfMemoryError e) {
            // Closing the interpreter frees what it holds, so the host and the other interpreters go on.
            markClosed("interpreter " + id + " ran out of Java heap memory and was closed");
            throw new LimitExceeded(endedBecause + " (in-process interpreters cannot be memory-limited on GraalVM Community)", ErrorKind.MEMORY);
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
            endCall();
        }
    }

    /** Stops {@code call} when this interpreter's time limit passes; null without a limit. */
    private ScheduledFuture<?> timeAlarm(long call) {
        return timeLimit.map(limit -> runtime.watchdog().schedule(
                () -> stopLater(call, StopReason.TIME), limit.toNanos(), TimeUnit.NANOSECONDS)).orElse(null);
    }

    private long beginCall() {
        synchronized (callLock) {
            stopReason = null;
            if (outputBudget != null) {
                outputBudget.reset();
            }
            hostWaits.reset();
            allocatedAtCallStart = owner.allocatedBytes();
            return currentCall = currentCall + 1;
        }
    }

    /**
     * The thread stack that holds about {@code depth} nested guest calls. Neither GraalPy (which does
     * not enforce {@code sys.setrecursionlimit}) nor GraalJS bounds recursion by count, and Truffle's
     * {@code sandbox.MaxStackFrames} is enterprise-only, so the stack is the bound: deeper recursion
     * raises RecursionError or RangeError. About 2.4 KiB a frame was measured for interpreted GraalPy and GraalJS.
     */
    static long stackFor(int depth) {
        return STACK_BASE_BYTES + depth * STACK_BYTES_PER_FRAME;
    }

    private static final long STACK_BASE_BYTES = 256 * 1024;
    private static final long STACK_BYTES_PER_FRAME = 2560;

    /** Stops call {@code call} from a thread of its own: the caller may be the guest's thread itself. */
    private void stopLater(long call, StopReason reason) {
        Thread.ofPlatform().daemon(true).name("interpreter-" + id + "-stop").start(() -> stop(call, reason));
    }

    /** Called on the writing thread when the current call writes past the output limit. */
    private void outputLimitReached() {
        // No lock here: this runs on the guest's thread, which stop() may be waiting for while it holds callLock.
        stopLater(currentCall, StopReason.OUTPUT);
    }

    /** After an interrupt: an interpreter whose stdout or stderr the interrupt cut cannot be used again. */
    private void closeIfStreamsCut(StopReason reason) {
        boolean usable;
        try {
            usable = bridge.streamsUsable();
        } catch (PolyglotException e) {
            usable = false;
        }
        if (!usable) {
            markClosed("interpreter " + id + " was closed: the interrupt at its " + reason.name().toLowerCase()
                    + " limit cut its standard output mid-write");
        }
    }

    private RuntimeException stopped(StopReason reason) {
        return switch (reason) {
            case TIME -> new TimeLimitExceeded(id, timeLimit.orElseThrow());
            case OUTPUT -> new OutputLimitExceeded(id, outputBudget.limit());
            case MEMORY -> new LimitExceeded(endedBecause, ErrorKind.MEMORY);
        };
    }

    /** This interpreter's running call, for the heap guard to weigh; empty when idle. */
    Optional<HeapGuard.Candidate> runningCall() {
        long start = allocatedAtCallStart;
        if (start < 0 || closed.get()) {
            return Optional.empty();
        }
        return Optional.of(new HeapGuard.Candidate() {
            @Override
            public long allocatedDuringCall() {
                return Math.max(0, owner.allocatedBytes() - start);
            }

            @Override
            public void stopForMemory(String why) {
                synchronized (callLock) {
                    if (allocatedAtCallStart != start || closed.get()) {
                        return;   // that call ended meanwhile
                    }
                    stopReason = StopReason.MEMORY;
                    hostWaits.wakeAll();
                    cancelFor("interpreter " + id + " was stopped and closed: " + why);
                }
            }
        });
    }

    private OutputStream guestStream(OutputMode mode, OutputStream target) {
        OutputStream stream = mode == OutputMode.DISCARD ? OutputStream.nullOutputStream() : target;
        return outputBudget == null ? stream : outputBudget.wrap(stream);
    }

    private void endCall() {
        synchronized (callLock) {
            allocatedAtCallStart = -1;
            currentCall++;   // a late alarm for the call that just ended now matches nothing
        }
    }

    /** Stops call {@code call} if it is still running: interrupt first, cancel if the guest does not stop. */
    private void stop(long call, StopReason reason) {
        synchronized (callLock) {
            if (currentCall != call || closed.get()) {
                return;
            }
            stopReason = reason;
            hostWaits.wakeAll();   // a guest blocked on a queue is in Java, where interrupt() cannot reach
            Context c = context;
            try {
                c.interrupt(Duration.ofSeconds(2));
            } catch (TimeoutException refusedToStop) {
                cancelFor("interpreter " + id + " was cancelled: it ignored the interrupt at its "
                        + reason.name().toLowerCase() + " limit");
            } catch (RuntimeException alreadyClosed) {
                // The call ended or the context closed meanwhile.
            }
        }
    }

    private RuntimeException translate(PolyglotException e) {
        if (e.isResourceExhausted()) {
            // A statement limit cancels the context; the host's heap or stack ran out otherwise. Either
            // way the interpreter is closed: that frees what it holds, so the others go on.
            markClosed("interpreter " + id + " was closed by a resource limit: " + e.getMessage());
            String memory = e.getMessage() != null && e.getMessage().contains("heap")
                    ? " (in-process interpreters cannot be memory-limited on GraalVM Community)" : "";
            return new LimitExceeded("interpreter " + id + ": " + e.getMessage() + memory, memory.isEmpty() ? ErrorKind.RESOURCE_LIMIT : ErrorKind.MEMORY);
        }
        StopReason reason = stopReason != null ? stopReason
                : outputBudget != null && outputBudget.exceeded() ? StopReason.OUTPUT : null;
        if (e.isCancelled()) {
            if (reason != null) {
                markClosed(endedBecause);
                return stopped(reason);
            }
            return closedError();
        }
        if (e.isInterrupted()) {
            if (reason == null) {
                return new InterpreterError("interpreter " + id + " was interrupted", e);
            }
            closeIfStreamsCut(reason);
            return stopped(reason);
        }
        if (e.isExit()) {
            markClosed("interpreter " + id + " exited with status " + e.getExitStatus());
            return new InterpreterExited(id, e.getExitStatus());
        }
        if (e.isHostException()) {
            Throwable cause = e.asHostException();
            return cause instanceof InterpreterError error ? error
                    : new InterpreterError("interpreter " + id + ": host code called by the guest failed: " + cause, cause);
        }
        if (reason != null) {
            // A guest woken from a host wait (or refused a write) may raise before GraalVM's interrupt lands.
            return stopped(reason);
        }
        if (closed.get()) {
            // Closed while the call ran: the guest may have raised from a wait that closing woke first.
            return closedError();
        }
        if (e.isGuestException()) {
            return new ExecutionFailed(bridge.describe(e, recentSources));
        }
        return new InterpreterError("interpreter " + id + " failed inside GraalVM: " + e.getMessage(), e);
    }

    private void flushOutput() {
        try {
            bridge.flushOutput();
        } catch (RuntimeException contextGone) {
            // Cancelled or exited: there is nothing left to flush.
        }
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            OwnerThread waiter = OwnerThread.current();
            if (waiter != null && waiter != owner && waiter.serveUntil(future) && !future.isDone()) {
                // The waiting interpreter was closed meanwhile: stop waiting so that its close can finish.
                throw new InterpreterClosedError("the interpreter waiting on interpreter " + id + " was closed");
            }
            BriefSpin.until(future::isDone);   // a short call's result, without a park and wake-up
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new InterpreterError("interpreter " + id + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterpreterError("interrupted while waiting for interpreter " + id);
        }
    }

    @FunctionalInterface
    private interface GuestWork<T> {
        T run();
    }

    /** Options for a new interpreter; obtained from {@link Interpreters#newInterpreter(Language)}. */
    public static final class Builder {
        private final Interpreters runtime;
        private final Language language;
        private OutputStream stdout = System.out;
        private OutputStream stderr = System.err;
        private InputStream stdin = System.in;
        private Duration timeLimit;
        private String[] arguments = new String[0];
        private String whence = WHENCE_HOST;
        private Path scriptDirectory;
        private final Map<String, Object> hostObjects = new LinkedHashMap<>();
        private String hostFunctionsName;
        private Map<String, HostFunction> hostFunctions = Map.of();
        private Interpreter parent;   // the interpreter whose guest created this one; null when the host did

        Builder(Interpreters runtime, Language language) {
            this.runtime = runtime;
            this.language = language;
        }

        Language language() {
            return language;
        }

        OutputStream stdout() {
            return stdout;
        }

        OutputStream stderr() {
            return stderr;
        }

        InputStream stdin() {
            return stdin;
        }

        /** Where the guest's standard output goes (default: the host's). */
        public Builder stdout(OutputStream out) {
            this.stdout = out;
            return this;
        }

        /** Where the guest's standard error goes (default: the host's). */
        public Builder stderr(OutputStream err) {
            this.stderr = err;
            return this;
        }

        /** What the guest reads as standard input (default: the host's). */
        public Builder stdin(InputStream in) {
            this.stdin = in;
            return this;
        }

        /** A time limit for each exec or call, overriding the policy's. */
        public Builder timeLimit(Duration limit) {
            this.timeLimit = limit;
            return this;
        }

        /** The program's command-line arguments (Python's {@code sys.argv}; JS ignores them). */
        public Builder arguments(String... argv) {
            this.arguments = argv.clone();
            return this;
        }

        /**
         * The directory of the program this interpreter runs: what the policy's {@code ${scriptDir}}
         * file root stands for (default: the working directory).
         */
        public Builder scriptDirectory(Path directory) {
            this.scriptDirectory = directory.toAbsolutePath().normalize();
            return this;
        }

        /**
         * Hands the Java object {@code object} to the guest as the variable {@code name} of
         * {@code __main__} (JS: a global). The guest reaches only what the policy's {@code hostAccess}
         * allows: with {@code exported}, the members annotated {@code @HostAccess.Export}.
         *
         * @throws PolicyException the policy's {@code hostAccess} is {@code none}
         */
        public Builder hostObject(String name, Object object) {
            SandboxPolicy policy = runtime.policy();
            if (policy.hostAccess() == HostAccessLevel.NONE) {
                throw new PolicyException(policy.name(), "$.hostAccess", "is none: no host object can be handed to guests;"
                        + " use \"exported\" (only @HostAccess.Export members) or \"all\"");
            }
            hostObjects.put(name, object);
            return this;
        }

        /**
         * Offers {@code functions} to the guest as the module {@code name} (Python: {@code import name})
         * or the global object {@code name} (JS). They work under every {@code hostAccess} level: they
         * take and return JSON, and no other host object is reachable through them. Any other name
         * the guest asks the module for fails with a message listing the allowed ones.
         */
        public Builder hostFunctions(String name, Map<String, HostFunction> functions) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + name + "' cannot name a module and a global object");
            }
            this.hostFunctionsName = name;
            this.hostFunctions = Map.copyOf(functions);
            return this;
        }

        Builder whence(String whence) {
            this.whence = whence;
            return this;
        }

        /** Creates and starts the interpreter; blocks until its Context is ready. */
        public Interpreter create() {
            return runtime.start(this);
        }

        /**
         * Whether an interpreter made from these options ahead of time can stand in for one made
         * from {@code other}: same language, arguments, script directory and time limit, and nothing
         * handed in but the standard streams (which a {@link StreamRelay} connects later).
         */
        boolean canStandIn(Builder other) {
            return language == other.language && java.util.Arrays.equals(arguments, other.arguments)
                    && java.util.Objects.equals(scriptDirectory, other.scriptDirectory) && java.util.Objects.equals(timeLimit, other.timeLimit)
                    && whence.equals(other.whence) && isPlain() && other.isPlain();
        }

        /** Nothing but streams, arguments and limits: no host objects or functions, not a guest's child. */
        boolean isPlain() {
            return hostObjects.isEmpty() && hostFunctionsName == null && parent == null;
        }

        /** These options for {@code runtime}, with standard streams that {@code relay} connects later. */
        Builder aheadOfTime(Interpreters runtime, StreamRelay relay) {
            Builder copy = new Builder(runtime, language);
            copy.stdout = relay.out;
            copy.stderr = relay.err;
            copy.stdin = relay.in;
            copy.timeLimit = timeLimit;
            copy.arguments = arguments;
            copy.whence = whence;
            copy.scriptDirectory = scriptDirectory;
            return copy;
        }
    }
}
