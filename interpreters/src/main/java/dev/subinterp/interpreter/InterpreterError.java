package dev.subinterp.interpreter;

/** Base of the errors an interpreter reports about itself (PEP 734's {@code InterpreterError}). */
public class InterpreterError extends RuntimeException {
    public InterpreterError(String message) {
        super(message);
    }

    public InterpreterError(String message, Throwable cause) {
        super(message, cause);
    }
}
