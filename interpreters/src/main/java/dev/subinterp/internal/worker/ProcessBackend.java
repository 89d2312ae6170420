package dev.subinterp.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.interpreter.HostFunction;
import dev.subinterp.interpreter.InterpreterClosedError;
import dev.subinterp.interpreter.InterpreterCrashed;
import dev.subinterp.interpreter.InterpreterError;
import dev.subinterp.interpreter.LimitExceeded;
import dev.subinterp.interpreter.TimeLimitExceeded;
import dev.subinterp.internal.engine.InterpreterBackend;
import dev.subinterp.internal.engine.InterpreterConfig;
import dev.subinterp.internal.engine.OwnerThread;
import dev.subinterp.internal.sandbox.HeapGuard;
import dev.subinterp.policy.PolicyJson;
import dev.subinterp.policy.SandboxPolicy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * An interpreter in a worker JVM of its own: each exec or call crosses the worker's socket as JSON and
 * bytes, and the worker runs it in a Context there, under the same policy and limits. What the worker's
 * heap, a crash or a guest's {@code System.exit} do ends there: the worker's heap is the family's
 * memory limit (a call that exhausts it fails with a memory {@link LimitExceeded}), a worker that dies
 * fails the call in flight with {@link InterpreterCrashed}, and a call that keeps running past its time
 * limit plus {@link #GRACE} (built-in code that never reaches a point where GraalVM can interrupt it)
 * has its worker killed. Calls are sent one at a time from a thread of this interpreter's own, as an
 * in-process interpreter runs them, so the backstop measures each call from its start.
 */
public final class ProcessBackend implements InterpreterBackend {
    /** How long past its time limit a call may take to stop before its worker is killed: more than the 2 s a worker gives an interrupt before it cancels. */
    public static final Duration GRACE = Duration.ofSeconds(5);
    /** Guest memory of a process-isolated family when the policy sets no {@code limits.memory}. */
    public static final long DEFAULT_MEMORY_BYTES = 1L << 30;
    /**
     * What the runtime itself needs of a worker's heap besides the guests' memory: the engine, GraalPy's
     * and GraalJS's own data and what the JIT compiles. A worker serving an idle Python interpreter was
     * measured with 78-130 MiB of heap in use, garbage included (README, Performance, "Process
     * isolation"); this leaves room for the JIT's data and both languages.
     */
    public static final long RUNTIME_OVERHEAD_BYTES = 256L << 20;
    /** How long a worker may take to close its family before it is killed instead. */
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(10);

    private final WorkerPool pool;
    private final WorkerProcess worker;
    private final int id;
    private final InterpreterConfig config;
    private final Optional<Duration> timeLimit;
    private final long memoryBytes;
    private final OwnerThread sender;
    /** Calls cross one at a time, as an in-process interpreter runs them: from the sender thread or a host thread. */
    private final java.util.concurrent.locks.ReentrantLock oneCallAtATime = new java.util.concurrent.locks.ReentrantLock();
    private final HandleServer handles;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable onClosed;
    private volatile String endedBecause;

    /**
     * Takes a worker from {@code pool} and opens the interpreter there; blocks until it is ready.
     *
     * @param onClosed runs once when the interpreter is marked closed (the runtime forgets it)
     * @param onEnded  runs once the worker has closed the family (or has gone), and the worker is given back
     */
    public ProcessBackend(WorkerPool pool, int id, InterpreterConfig config, SandboxPolicy policy, HostEnvironment host,
                          Optional<Duration> timeLimit, Runnable onClosed, Runnable onEnded) {
        if (!config.hostObjects().isEmpty()) {
            throw new IllegalArgumentException("host objects (" + String.join(", ", config.hostObjects().keySet())
                    + ") cannot be handed to a process-isolated interpreter: they live in this JVM and the interpreter in a worker JVM"
                    + " (the policy " + policy.name() + " says \"isolation\": \"process\"); offer hostFunctions instead, which take and return JSON");
        }
        this.pool = pool;
        this.id = id;
        this.config = config;
        this.timeLimit = timeLimit;
        this.onClosed = onClosed;
        this.memoryBytes = policy.limits().memory().orElse(DEFAULT_MEMORY_BYTES);
        this.worker = pool.take(memoryBytes + RUNTIME_OVERHEAD_BYTES, config.language());
        if (reachesTheJvm(policy)) {
            worker.taint();   // its guests could change the JVM itself: it serves no other family after this one
        }
        worker.served.incrementAndGet();
        this.handles = new HandleServer(worker);
        worker.listen(new Listener());
        if (reachesTheJvm(policy)) {
            worker.forwardProcessOutput();   // what its guests' child processes print is theirs to see
        }
        this.sender = new OwnerThread("interpreter-" + id + "-process", () -> release(onEnded), 0);
        try {
            await(sender.submit(() -> roundTrip(open(policy, host)), this::closedError));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Whether guests under {@code policy} can reach the worker's JVM or process (and so leave it changed). */
    private static boolean reachesTheJvm(SandboxPolicy policy) {
        return policy.hostAccess() == dev.subinterp.policy.HostAccessLevel.ALL || !policy.hostClasses().isEmpty()
                || policy.nativeAccess() || policy.processes();
    }

    private ObjectNode open(SandboxPolicy policy, HostEnvironment host) {
        ObjectNode open = Wire.message("open").put("interpreterId", id)
                .put("policyName", policy.name()).put("policy", PolicyJson.toText(policy));
        ObjectNode hostNode = open.putObject("host").put("workingDirectory", host.workingDirectory().toString());
        ObjectNode variables = hostNode.putObject("variables");
        host.variables().forEach(variables::put);
        host.hidden().forEach(path -> hostNode.withArray("hidden").add(path.toString()));
        ObjectNode c = open.putObject("config").put("language", config.language().id());
        config.arguments().forEach(c.putArray("arguments")::add);
        if (config.timeLimit() != null) {
            c.put("timeLimitMillis", config.timeLimit().toMillis());
        }
        if (config.scriptDirectory() != null) {
            c.put("scriptDirectory", config.scriptDirectory().toString());
        }
        com.fasterxml.jackson.databind.node.ArrayNode packages = c.putArray("packages");
        config.packages().forEach(dir -> packages.add(dir.toString()));
        if (config.hostFunctionsName() != null) {
            c.put("hostFunctionsName", config.hostFunctionsName());
            config.hostFunctions().keySet().forEach(c.putArray("hostFunctions")::add);
        }
        return open;
    }

    @Override
    public void exec(String source, String sourceName) {
        call(Wire.message("exec").put("source", source).put("name", sourceName));
    }

    @Override
    public void execCompiled(byte[] marshalledCode, String sourceName, String sourceText) {
        call(Wire.message("execCompiled").put("code", marshalledCode).put("name", sourceName).put("text", sourceText));
    }

    @Override
    public CompletableFuture<JsonNode> submitCall(String function, List<JsonNode> arguments) {
        ObjectNode call = Wire.message("call").put("function", function);
        WireValues.put(call, "args", Wire.NODES.arrayNode().addAll(arguments), handles);
        return sender.submit(() -> roundTrip(call), this::closedError);
    }

    @Override
    public JsonNode call(String function, List<JsonNode> arguments) {
        return await(submitCall(function, arguments));
    }

    @Override
    public void prepareMain(Map<String, JsonNode> values) {
        ObjectNode prepare = Wire.message("prepareMain");
        ObjectNode bound = Wire.NODES.objectNode();
        values.forEach(bound::set);
        WireValues.put(prepare, "values", bound, handles);
        call(prepare);
    }

    @Override
    public JsonNode getMainAttr(String name) {
        return call(Wire.message("getMainAttr").put("name", name));
    }

    /**
     * A call the host waits for runs on the host's own thread: handing it to the sender thread and the
     * answer back would cost two wake-ups, and on a machine of few cores a waiting thread that spins takes
     * the core the worker needs.
     */
    private JsonNode call(ObjectNode request) {
        return roundTrip(request);
    }

    /** Sends {@code request} and waits for its answer, on the sender thread; kills a worker whose call outlives its limit. */
    private JsonNode roundTrip(ObjectNode request) {
        oneCallAtATime.lock();
        try {
            return roundTripAlone(request);
        } finally {
            oneCallAtATime.unlock();
        }
    }

    private JsonNode roundTripAlone(ObjectNode request) {
        if (closed.get() && !"open".equals(request.path("op").asText())) {
            throw closedError();
        }
        CompletableFuture<ObjectNode> answer = worker.request(request);
        ObjectNode reply;
        try {
            // Opening makes a Context, which no time limit covers (in-process neither): only guest code has the backstop.
            if (timeLimit.isPresent() && !"open".equals(request.path("op").asText())) {
                Duration backstop = timeLimit.get().plus(GRACE);
                try {
                    reply = answer.get(backstop.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stuck) {
                    worker.kill("its call ran on " + GRACE.toSeconds() + " s past its time limit");
                    markClosed("interpreter " + id + " was closed: its call ran past its time limit and could not be interrupted,"
                            + " so its worker process was killed");
                    throw new TimeLimitExceeded(id, timeLimit.get());
                }
            } else {
                reply = answer.get();
            }
        } catch (ExecutionException e) {
            throw ended((WorkerProcess.Ended) e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterpreterError("interrupted while waiting for interpreter " + id);
        }
        if (reply.has("error")) {
            throw failed(WireErrors.decode(reply.path("error"), id));
        }
        return WireValues.get(reply, "result", handles);
    }

    /** The error a call failed with in the worker, as this side sees it; errors that close the interpreter close it here too. */
    private RuntimeException failed(RuntimeException error) {
        ErrorKind kind = ErrorKind.of(error);
        if (kind == ErrorKind.MEMORY) {
            worker.taint();
            String reason = memoryReason();
            markClosed("interpreter " + id + " was closed: it " + reason);
            return new LimitExceeded("interpreter " + id + " " + reason, ErrorKind.MEMORY);
        }
        if (kind == ErrorKind.EXITED || kind == ErrorKind.RESOURCE_LIMIT || kind == ErrorKind.CLOSED) {
            markClosed(error.getMessage());
        }
        return error;
    }

    private String memoryReason() {
        return "reached its memory limit of " + (memoryBytes >> 20) + " MiB (the sandbox policy's limits.memory"
                + (memoryBytes == DEFAULT_MEMORY_BYTES ? ", or the default for process isolation" : "") + ")";
    }

    /** The error for calls in flight when the worker ended: how it ended says which. */
    private RuntimeException ended(WorkerProcess.Ended end) {
        if (worker.killedBecause() != null && closed.get() && endedBecause != null) {
            return closedError();
        }
        if (end.outOfMemory) {
            String reason = memoryReason();
            markClosed("interpreter " + id + " was closed: it " + reason);
            return new LimitExceeded("interpreter " + id + " " + reason, ErrorKind.MEMORY);
        }
        String message = "interpreter " + id + "'s worker process (pid " + worker.pid() + ") " + end.description()
                + (worker.killedBecause() != null ? " (" + worker.killedBecause() + ")" : "") + "; the interpreter is closed";
        markClosed(message);
        return new InterpreterCrashed(message, end.status);
    }

    @Override
    public JsonNode callFromGuest(JsonNode callable, JsonNode positional, JsonNode keywords) {
        throw new IllegalStateException("interpreter " + id + " runs in a worker process: only its own family calls into it, there");
    }

    @Override
    public void execFromGuest(JsonNode code) {
        throw new IllegalStateException("interpreter " + id + " runs in a worker process: only its own family runs code in it, there");
    }

    @Override
    public <T> T waitingOnAnother(Supplier<T> call) {
        return call.get();
    }

    @Override
    public boolean isRunning() {
        return (sender.isBusy() || oneCallAtATime.isLocked()) && !closed.get();
    }

    @Override
    public boolean isBusy() {
        return isRunning();
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public Optional<HeapGuard.Candidate> runningCall() {
        return Optional.empty();   // its memory is its worker's heap, not this JVM's
    }

    @Override
    public void close() {
        markClosed("interpreter " + id + " is closed");
        if (sender.isCurrent()) {
            return;
        }
        if (worker.isAlive() && (sender.isBusy() || oneCallAtATime.isLocked())) {
            askWorkerToClose();   // cancels the running call there; the sender then ends
        }
        sender.awaitEnd(() -> { });
    }

    private void markClosed(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        endedBecause = reason;
        onClosed.run();
        sender.stop(this::closedError);
    }

    private volatile boolean closeAsked;

    /** Closes the family in the worker (cancelling a call it runs); a worker that does not answer in time is killed. */
    private void askWorkerToClose() {
        if (closeAsked) {
            return;
        }
        closeAsked = true;
        try {
            worker.request(Wire.message("close")).get(CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.kill("it did not close interpreter " + id + " within " + CLOSE_PATIENCE.toSeconds() + " s");
        } catch (ExecutionException gone) {
            // The worker has ended: nothing is left to close.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.kill("interrupted while closing interpreter " + id);
        }
    }

    /** On the sender thread, as it ends: the family is closed in the worker, which goes back to the pool. */
    private void release(Runnable onEnded) {
        try {
            if (worker.isAlive()) {
                askWorkerToClose();
            }
            oneCallAtATime.lock();   // a call on a host thread has had its answer (the close cancelled it) before the worker goes back
            oneCallAtATime.unlock();
            handles.end();   // what the family took from queues and never confirmed goes back
            pool.giveBack(worker);
        } finally {
            onEnded.run();
        }
    }

    private InterpreterClosedError closedError() {
        return new InterpreterClosedError(endedBecause != null ? endedBecause : "interpreter " + id + " is closed");
    }

    private <T> T await(CompletableFuture<T> future) {
        return InterpreterBackend.await(future, id);
    }

    /** What the worker's guest asks of this side: output to write, input to read, host functions to call. */
    private final class Listener implements WorkerProcess.Listener {
        @Override
        public void output(int fd, byte[] bytes) {
            try {
                (fd == 2 ? config.stderr() : config.stdout()).write(bytes);
                (fd == 2 ? config.stderr() : config.stdout()).flush();
            } catch (IOException ignored) {
                // The host's stream is gone (a client that went away): the guest's output has nowhere to go.
            }
        }

        @Override
        public void inputWanted(int max) {
            Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[max];
                try {
                    int n = config.stdin().read(buffer);
                    worker.sendInput(n < 0 ? null : java.util.Arrays.copyOf(buffer, n));
                } catch (IOException e) {
                    worker.sendInput(null);
                }
            });
        }

        @Override
        public void hostCall(ObjectNode call) {
            HostFunction target = config.hostFunctions().get(call.path("function").asText());
            Thread.ofVirtual().start(() -> {
                ObjectNode reply = Wire.message("hostReply").put("callId", call.path("callId").asLong());
                try {
                    WireValues.put(reply, "result", target.apply(WireValues.get(call, "argument", handles)), handles);
                } catch (Exception e) {
                    reply.put("error", String.valueOf(e.getMessage()));
                }
                worker.tell(reply);
            });
        }

        @Override
        public void handleOp(ObjectNode request) {
            handles.serve(request);
        }

        @Override
        public void handleCancel(long callId) {
            handles.cancel(callId);
        }

        @Override
        public void handleConfirm(long callId, boolean received) {
            handles.confirm(callId, received);
        }

        @Override
        public void ended() {
            handles.end();
        }
    }
}
