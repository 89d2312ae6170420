package dev.subinterp.interpreter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Java function the embedder offers to guests ({@link Interpreter.Builder#hostFunctions}). It takes
 * one JSON value (JSON null when the guest passes nothing) and returns one; nothing else of the host
 * is reachable through it. An exception it throws reaches the guest as {@code HostFunctionError}
 * with the exception's message.
 */
@FunctionalInterface
public interface HostFunction {
    JsonNode apply(JsonNode argument) throws Exception;
}
