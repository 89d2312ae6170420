package dev.subinterp.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.value.Shareable;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Guest work for an {@link InterpreterPoolExecutor}: a script, or a call of a function the pool's
 * initializer defined, with shareable arguments (copied when the task is made). Submitted to a pool
 * it runs in a worker's interpreter; its future holds the JSON result.
 */
public abstract sealed class PoolTask implements Callable<JsonNode> {
    private PoolTask() {
    }

    /** A task that runs {@code source} in the worker interpreter's {@code __main__}; its result is JSON null. */
    public static PoolTask script(String source) {
        return new Script(source);
    }

    /**
     * A task that calls {@code function} (defined by the initializer) with copies of {@code args}, made
     * as {@link dev.subinterp.interpreter.Interpreter#call(String, Object...)} makes them.
     */
    public static PoolTask call(String function, Object... args) {
        return new Call(function, Shareable.arguments(args, null));
    }

    static PoolTask call(String function, Object[] args, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return new Call(function, Shareable.arguments(args, mapper));
    }

    /**
     * A limit, a cancellation, an exit or a closed context: the interpreter must not be reused. (After a
     * time limit it is still usable, but the guest's state may be half updated.)
     */
    static boolean breaks(RuntimeException e, Interpreter interpreter) {
        return interpreter.isClosed() || switch (ErrorKind.of(e)) {
            case TIME_LIMIT, OUTPUT_LIMIT, MEMORY, RESOURCE_LIMIT, EXITED, CRASHED, CLOSED -> true;
            case GUEST_RAISED, PROGRAM_REFUSED, CANCELLED, NOT_SHAREABLE, CHANNEL_CLOSED, WOULD_BLOCK, USAGE, CONFIGURATION,
                 TRANSFORM_FAILED, INTERNAL -> false;
        };
    }

    /** Runs the task in {@code interpreter}, on the calling (worker) thread. */
    abstract JsonNode runIn(Interpreter interpreter);

    /** Pool tasks need a worker's interpreter: submit them to an {@link InterpreterPoolExecutor}. */
    @Override
    public JsonNode call() {
        throw new IllegalStateException("a PoolTask runs only when submitted to an InterpreterPoolExecutor");
    }

    static final class Script extends PoolTask {
        private final String source;

        Script(String source) {
            this.source = source;
        }

        @Override
        JsonNode runIn(Interpreter interpreter) {
            interpreter.exec(source, "<task>");
            return NullNode.getInstance();
        }

        @Override
        public String toString() {
            return "script task";
        }
    }

    /**
     * Several calls of one function handed to a worker at once (a map chunk), each with its own future.
     * An item that breaks the interpreter (a limit, a close) fails alone: the items after it go back to
     * the pool as a new chunk, and the error is rethrown so that the pool replaces the interpreter.
     */
    static final class Chunk extends PoolTask {
        private final List<Call> calls;
        private final List<java.util.concurrent.CompletableFuture<JsonNode>> results;
        private final java.util.function.Consumer<Chunk> resubmit;

        Chunk(List<Call> calls, List<java.util.concurrent.CompletableFuture<JsonNode>> results,
              java.util.function.Consumer<Chunk> resubmit) {
            this.calls = calls;
            this.results = results;
            this.resubmit = resubmit;
        }

        @Override
        JsonNode runIn(Interpreter interpreter) {
            int handedBack = calls.size();   // items from here on belong to a resubmitted chunk
            try {
                for (int i = 0; i < calls.size(); i++) {
                    try {
                        results.get(i).complete(calls.get(i).runIn(interpreter));
                    } catch (RuntimeException e) {
                        results.get(i).completeExceptionally(e);
                        if (breaks(e, interpreter)) {
                            if (i + 1 < calls.size()) {
                                handedBack = i + 1;
                                resubmit.accept(new Chunk(calls.subList(i + 1, calls.size()),
                                        results.subList(i + 1, results.size()), resubmit));
                            }
                            throw e;
                        }
                    }
                }
                return NullNode.getInstance();
            } catch (RuntimeException e) {
                results.subList(0, handedBack).forEach(result -> result.completeExceptionally(e));   // not handed back
                throw e;
            }
        }

        /** Fails every result not yet complete (the chunk broke, or will never run). */
        void fail(Throwable error) {
            results.forEach(result -> result.completeExceptionally(error));
        }

        @Override
        public String toString() {
            return "chunk of " + calls.size() + " calls";
        }
    }

    static final class Call extends PoolTask {
        private final String function;
        private final List<JsonNode> args;

        Call(String function, List<JsonNode> args) {
            this.function = function;
            this.args = args;
        }

        @Override
        JsonNode runIn(Interpreter interpreter) {
            return interpreter.call(function, args.toArray());
        }

        @Override
        public String toString() {
            return function + args;
        }
    }
}
