package dev.subinterp.interpreter;

/** A resource limit other than time was reached (memory, statements, stack), as reported by GraalVM. */
public final class LimitExceeded extends InterpreterError {
    public LimitExceeded(String message) {
        super(message);
    }
}
