package dev.subinterp.interpreter;

import dev.subinterp.internal.engine.InterpreterConfig;
import dev.subinterp.internal.engine.StreamRelay;

import java.util.function.Function;

/**
 * An interpreter a runtime created ahead of time for its first {@code create()} (see
 * {@link Interpreters#prepareSuccessor()}): it stands in for options it matches, and is connected to
 * their standard streams only then.
 */
final class PreparedInterpreter {
    private final Interpreter interpreter;
    private final InterpreterConfig recipe;
    private final StreamRelay relay;

    private PreparedInterpreter(Interpreter interpreter, InterpreterConfig recipe, StreamRelay relay) {
        this.interpreter = interpreter;
        this.recipe = recipe;
        this.relay = relay;
    }

    /** Starts an interpreter made from {@code recipe}, its streams relayed, with {@code start}; blocks until it is ready. */
    static PreparedInterpreter start(InterpreterConfig recipe, Function<InterpreterConfig, Interpreter> start) {
        StreamRelay relay = new StreamRelay();
        return new PreparedInterpreter(start.apply(recipe.relayedThrough(relay)), recipe, relay);
    }

    /** The interpreter, connected to {@code config}'s streams, if it can stand in for it; else null (and it is closed). */
    Interpreter takeFor(InterpreterConfig config) {
        if (recipe.canStandIn(config) && !interpreter.isClosed()) {
            relay.connect(config.stdout(), config.stderr(), config.stdin());
            return interpreter;
        }
        interpreter.close();   // it holds a place under limits.interpreters
        return null;
    }
}
