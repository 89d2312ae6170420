package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;
/**
 * Base of the errors an interpreter reports about itself (PEP 734's {@code InterpreterError}). Its
 * {@link #kind()} says which: each subclass has its own; a plain {@code InterpreterError} is
 * {@link ErrorKind#INTERNAL}.
 */
public class InterpreterError extends RuntimeException implements ErrorKind.Classified {
    private final ErrorKind kind;

    public InterpreterError(String message) {
        this(message, ErrorKind.INTERNAL);
    }

    public InterpreterError(String message, Throwable cause) {
        this(message, cause, ErrorKind.INTERNAL);
    }

    InterpreterError(String message, ErrorKind kind) {
        super(message);
        this.kind = kind;
    }

    InterpreterError(String message, Throwable cause, ErrorKind kind) {
        super(message, cause);
        this.kind = kind;
    }

    @Override
    public final ErrorKind kind() {
        return kind;
    }
}
