package dev.subinterp.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.value.Shareable;

import java.util.Arrays;
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

    /** A task that calls {@code function} (defined by the initializer) with copies of {@code args}. */
    public static PoolTask call(String function, Object... args) {
        return new Call(function, Arrays.stream(args).map(Shareable::fromJava).toList());
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
