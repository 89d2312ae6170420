package dev.subinterp.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.InterpreterError;
import dev.subinterp.internal.concurrent.BriefSpin;
import dev.subinterp.internal.sandbox.HeapGuard;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The engine side of one interpreter, behind the public {@code Interpreter} handle: where its guest
 * code runs and how calls reach it. Today's one implementation is {@link InProcessBackend}, a Context
 * on its own thread in this JVM; an interpreter living in a worker JVM would be another. The pool,
 * the plugin host, the transforms and the guest {@code interpreters} module see only the handle.
 *
 * <p>Values arrive and leave as JSON ({@link JsonNode}, binary nodes for bytes, POJO nodes for queue
 * and channel handles); every method but {@link #submitCall} blocks until the work is done on the
 * interpreter's side, and throws the library's errors ({@code ExecutionFailed}, limits, closed).
 */
public interface InterpreterBackend {
    /** Runs {@code source} in {@code __main__} (JS: the global scope); tracebacks name {@code sourceName}. */
    void exec(String source, String sourceName);

    /** Runs a {@code marshal}led Python code object in {@code __main__}; {@code sourceText} is what tracebacks show. */
    void execCompiled(byte[] marshalledCode, String sourceName, String sourceText);

    /** Queues a call of {@code function} of {@code __main__}; the future completes with a copy of its result. */
    CompletableFuture<JsonNode> submitCall(String function, List<JsonNode> arguments);

    /** Calls {@code function} of {@code __main__} and returns a copy of its result. */
    JsonNode call(String function, List<JsonNode> arguments);

    /** Binds each entry as a variable of {@code __main__}. */
    void prepareMain(Map<String, JsonNode> values);

    /** A copy of the variable {@code name} of {@code __main__}. */
    JsonNode getMainAttr(String name);

    /** For another interpreter's {@code interpreters} module: runs code that crossed (text, or a function's code). */
    void execFromGuest(JsonNode code);

    /** For another interpreter's {@code interpreters} module: calls a function that crossed, with crossed arguments. */
    JsonNode callFromGuest(JsonNode callable, JsonNode positional, JsonNode keywords);

    /**
     * Runs {@code call}, a call from this interpreter's guest into another interpreter, marking this one
     * as waiting meanwhile, so that the other may call back.
     */
    <T> T waitingOnAnother(Supplier<T> call);

    /** Whether guest code is running right now. */
    boolean isRunning();

    /** Whether a call made now would wait for another (running, and not merely waiting on another interpreter). */
    boolean isBusy();

    boolean isClosed();

    /** Ends the interpreter: queued calls fail, a running one is cancelled; returns once it is gone (unless called from inside). */
    void close();

    /** The call running now, for the heap guard to weigh; empty when idle. */
    Optional<HeapGuard.Candidate> runningCall();

    /**
     * The result of a call to interpreter {@code id}, once {@code future} completes: a short call's result
     * without a park and wake-up ({@link BriefSpin}), its own exception if it failed.
     */
    static <T> T await(CompletableFuture<T> future, int id) {
        try {
            BriefSpin.until(future::isDone);
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
}
