package dev.subinterp.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.InterpreterClosedError;
import dev.subinterp.interpreter.InterpreterError;
import dev.subinterp.interpreter.NameNotDefined;
import dev.subinterp.interpreter.InterpreterExited;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.LimitExceeded;
import dev.subinterp.internal.sandbox.HeapGuard;
import dev.subinterp.internal.sandbox.RootedFileSystem;
import dev.subinterp.internal.engine.CallSupervisor.StopReason;
import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.policy.OutputMode;
import dev.subinterp.policy.SandboxPolicy;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An interpreter in this JVM: its own GraalVM Context, created, entered and closed by one platform
 * thread of its own ({@link OwnerThread}); calls from any host thread are queued there. Each outermost
 * call runs under the interpreter's limits (time, output, memory), which a {@link CallSupervisor}
 * watches, and guest failures become the library's errors here ({@link #translate}).
 */
public final class InProcessBackend implements InterpreterBackend {
    private static final int REMEMBERED_SOURCES = 32;

    /** What an interpreter needs from its runtime: the shared engine, the policy, the host, the watchdog. */
    public record RuntimeServices(Engine engine, SandboxPolicy policy, HostEnvironment host, ScheduledExecutorService watchdog) {
    }

    private final RuntimeServices runtime;
    private final int id;
    private final Language language;
    private final OwnerThread owner;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final HostWaits hostWaits;
    private final AtomicInteger waitingOnOthers = new AtomicInteger();
    private final Runnable onClosed;

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
    private volatile String endedBecause;
    private final CallSupervisor supervisor;

    /**
     * Starts the interpreter and blocks until its Context is ready: a spare's, when {@code spares} has
     * one that can serve {@code config}, else a new one.
     *
     * @param spares    Contexts made ahead of demand, or null for none
     * @param moduleFor makes the guest's {@code interpreters} module, bound to this interpreter's handle, around its bridge
     * @param onClosed runs once when the interpreter is marked closed (the runtime forgets it)
     * @param onEnded  runs on the interpreter's thread as it ends, after its Context is closed
     */
    public InProcessBackend(RuntimeServices runtime, int id, InterpreterConfig config, Optional<Duration> timeLimit, SpareContexts spares,
                            java.util.function.Function<GuestBridge, ProxyExecutable> moduleFor, Runnable onClosed, Runnable onEnded) {
        this.runtime = runtime;
        this.id = id;
        this.language = config.language();
        this.onClosed = onClosed;
        SandboxPolicy policy = runtime.policy();
        this.supervisor = new CallSupervisor(id, timeLimit, policy.limits().outputBytes(), runtime.watchdog(), new Supervised());
        OutputStream out = guestStream(policy.stdout(), config.stdout());
        OutputStream err = guestStream(policy.stderr(), config.stderr());
        String name = "interpreter-" + id + "-" + language.id();
        Runnable ending = () -> {
            closeContext();
            onEnded.run();
        };
        SpareContexts.Spare spare = spares != null ? spares.take(config) : null;
        CompletableFuture<Void> started;
        if (spare != null) {
            WarmContext warm = spare.ready.join();   // take() returns made spares only
            this.hostWaits = warm.hostWaits();
            this.owner = spare.owner;
            owner.handOver(name, ending);
            spare.relay.connect(out, err, config.stdin());
            started = owner.submit(() -> {
                adopt(warm, config, moduleFor);
                return null;
            }, this::closedError);
        } else {
            this.hostWaits = new HostWaits(runtime.watchdog());
            this.owner = new OwnerThread(name, ending, policy.limits().recursionDepth().map(InProcessBackend::stackFor).orElse(0L));
            GuestContexts.Io io = new GuestContexts.Io(out, err, config.stdin(), files(runtime, config));
            started = owner.submit(() -> {
                adopt(WarmContext.build(runtime, config, io, hostWaits), config, moduleFor);
                return null;
            }, this::closedError);
        }
        try {
            await(started);
        } catch (RuntimeException e) {
            close();
            throw e instanceof PolyglotException p ? new InterpreterError("could not create a " + language.id() + " interpreter: " + p.getMessage(), p) : e;
        }
    }

    /** The file system the policy gives an interpreter made from {@code config}; null for none. */
    static RootedFileSystem files(RuntimeServices runtime, InterpreterConfig config) {
        Path scriptDirectory = config.scriptDirectory() != null ? config.scriptDirectory() : runtime.host().workingDirectory();
        return GuestContexts.files(runtime.policy(), scriptDirectory, runtime.host(), config.packages());
    }

    /** On this interpreter's thread: makes {@code warm} this interpreter, with what names it and what was handed in. */
    private void adopt(WarmContext warm, InterpreterConfig config, java.util.function.Function<GuestBridge, ProxyExecutable> moduleFor) {
        context = warm.context();
        bridge = warm.bridge();
        bridge.installInterpretersModule(moduleFor.apply(bridge));
        config.hostObjects().forEach((name, object) -> bridge.mainScope().putMember(name, object));
        if (config.hostFunctionsName() != null) {
            bridge.installHostFunctions(config.hostFunctionsName(), config.hostFunctions());
        }
    }

    @Override
    public void exec(String source, String sourceName) {
        await(submit(() -> {
            recentSources.put(sourceName, source);
            context.eval(bridge.source(source, sourceName));
            return null;
        }));
    }

    @Override
    public void execCompiled(byte[] marshalledCode, String sourceName, String sourceText) {
        await(submit(() -> {
            recentSources.put(sourceName, sourceText);
            return bridge.execCompiled(marshalledCode);
        }));
    }

    @Override
    public CompletableFuture<JsonNode> submitCall(String function, List<JsonNode> arguments) {
        return submit(() -> {
            Value callee = mainScope().getMember(function);
            if (callee == null) {
                throw new NameNotDefined(id, "function", function);
            }
            if (!callee.canExecute()) {
                throw new IllegalArgumentException("'" + function + "' in __main__ of interpreter " + id
                        + " is " + GuestBridge.typeName(callee) + ", not a function");
            }
            Object[] guestArgs = arguments.stream().map(bridge::toGuest).toArray();
            return bridge.toHost(callee.execute(guestArgs));
        });
    }

    @Override
    public JsonNode call(String function, List<JsonNode> arguments) {
        return await(submitCall(function, arguments));
    }

    @Override
    public void prepareMain(Map<String, JsonNode> values) {
        await(submit(() -> {
            Value scope = mainScope();
            values.forEach((name, value) -> scope.putMember(name, bridge.toGuest(value)));
            return null;
        }));
    }

    @Override
    public JsonNode getMainAttr(String name) {
        return await(submit(() -> {
            Value value = mainScope().getMember(name);
            if (value == null) {
                throw new NameNotDefined(id, "name", name);
            }
            return bridge.toHost(value);
        }));
    }

    @Override
    public void execFromGuest(JsonNode code) {
        if (code.isTextual()) {
            exec(code.textValue(), "<string>");
        } else {
            byte[] compiled = binary(code);
            await(submit(() -> bridge.execCompiled(compiled)));
        }
    }

    @Override
    public JsonNode callFromGuest(JsonNode callable, JsonNode positional, JsonNode keywords) {
        return await(submit(() -> bridge.callForModule(callable, positional, keywords)));
    }

    private static byte[] binary(JsonNode node) {
        if (!node.isBinary()) {
            throw new IllegalArgumentException("code to run must be a string or a function");
        }
        return ((com.fasterxml.jackson.databind.node.BinaryNode) node).binaryValue();
    }

    /** Whether guest code is running in this interpreter right now. */
    @Override
    public boolean isRunning() {
        return owner.isBusy() && !closed.get();
    }

    /**
     * Whether a call made now would have to wait for another to finish: guest code is running and the
     * interpreter is not merely waiting on another interpreter (when it is, it takes calls meanwhile).
     */
    @Override
    public boolean isBusy() {
        return isRunning() && !owner.isServing() && waitingOnOthers.get() == 0;
    }

    /**
     * Runs {@code call}, a call from this interpreter's guest into another interpreter, marking this
     * one as waiting meanwhile, so that the other may call back (before this thread starts serving).
     */
    @Override
    public <T> T waitingOnAnother(Supplier<T> call) {
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

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        markClosed("interpreter " + id + " is closed");
        if (owner.isCurrent()) {
            return;   // the thread ends after the task that called us
        }
        owner.awaitEnd(() -> {   // also when already closed (a guest exit): wait until the Context is gone
            if (owner.isBusy()) {
                hostWaits.wakeAll();
                cancelRunningCall();
            }
        });
    }

    private boolean markClosed(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        if (endedBecause == null) {
            endedBecause = reason;
        }
        onClosed.run();
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

    /** Ends this interpreter for {@code reason}, cancelling the call it runs (the supervisor holds its call lock). */
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
        long call = supervisor.begin();
        context.resetLimits();   // the statement limit counts per call
        ScheduledFuture<?> alarm = supervisor.timeAlarm(call);
        try {
            T result = work.run();
            flushOutput();   // output still buffered in the guest belongs to this call, and to its limit
            StopReason lateStop = supervisor.stopReason();
            if (lateStop != null) {
                throw supervisor.stopped(lateStop);   // a limit that struck as the call returned still counts
            }
            return result;
        } catch (PolyglotException e) {
            flushOutput();
            if (alarm != null && e.isGuestException() && !supervisor.stopOrdered()) {
                // Describing the guest's exception runs guest code too (the traceback module, the exception's
                // __str__), and under a limit of its own: a call that raised just before its limit (or
                // whose first traceback imports the traceback module) still reports its own error.
                alarm.cancel(false);
                alarm = supervisor.describeAlarm(call);
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
            supervisor.end();
        }
    }

    /**
     * The thread stack that holds about {@code depth} nested guest calls. Neither GraalPy (which does
     * not enforce {@code sys.setrecursionlimit}) nor GraalJS bounds recursion by count, and Truffle's
     * {@code sandbox.MaxStackFrames} is enterprise-only, so the stack is the bound: deeper recursion
     * raises RecursionError or RangeError. Up to 3.6 KiB a frame was measured for interpreted GraalPy
     * in a JVM that has just started (Truffle's interpreter not yet compiled by the JVM's own JIT): 2.4 KiB in a warm one.
     */
    public static long stackFor(int depth) {
        return STACK_BASE_BYTES + depth * STACK_BYTES_PER_FRAME;
    }

    private static final long STACK_BASE_BYTES = 256 * 1024;
    private static final long STACK_BYTES_PER_FRAME = 4096;

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

    /** This interpreter's running call, for the heap guard to weigh; empty when idle. */
    @Override
    public Optional<HeapGuard.Candidate> runningCall() {
        return supervisor.runningCall();
    }

    private OutputStream guestStream(OutputMode mode, OutputStream target) {
        OutputStream stream = mode == OutputMode.DISCARD ? OutputStream.nullOutputStream() : target;
        return supervisor.counted(stream);
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
        StopReason reason = supervisor.stopReason();
        if (e.isCancelled()) {
            if (reason != null) {
                markClosed(endedBecause);
                return supervisor.stopped(reason);
            }
            return closedError();
        }
        if (e.isInterrupted()) {
            if (reason == null) {
                return new InterpreterError("interpreter " + id + " was interrupted", e);
            }
            closeIfStreamsCut(reason);
            return supervisor.stopped(reason);
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
            return supervisor.stopped(reason);
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

    /** What the supervisor stops a call through: this interpreter's Context, thread and host waits. */
    private final class Supervised implements CallSupervisor.Supervised {
        @Override
        public boolean isClosed() {
            return closed.get();
        }

        @Override
        public void interrupt(Duration patience) throws TimeoutException {
            context.interrupt(patience);
        }

        @Override
        public void cancelFor(String reason) {
            InProcessBackend.this.cancelFor(reason);
        }

        @Override
        public long allocatedBytes() {
            return owner.allocatedBytes();
        }

        @Override
        public void wakeWaits() {
            hostWaits.wakeAll();
        }

        @Override
        public void resetWaits() {
            hostWaits.reset();
        }
    }

    private void flushOutput() {
        try {
            bridge.flushOutput();
        } catch (RuntimeException contextGone) {
            // Cancelled or exited: there is nothing left to flush.
        }
    }

    private <T> T await(CompletableFuture<T> future) {
        OwnerThread waiter = OwnerThread.current();
        try {
            if (waiter != null && waiter != owner && waiter.serveUntil(future) && !future.isDone()) {
                // The waiting interpreter was closed meanwhile: stop waiting so that its close can finish.
                throw new InterpreterClosedError("the interpreter waiting on interpreter " + id + " was closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterpreterError("interrupted while waiting for interpreter " + id);
        }
        return InterpreterBackend.await(future, id);
    }

    @FunctionalInterface
    private interface GuestWork<T> {
        T run();
    }
}
