package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;
/** The interpreter was closed (or its runtime was) before or while the call ran. */
public final class InterpreterClosedError extends InterpreterError {
    public InterpreterClosedError(String message) {
        super(message, ErrorKind.CLOSED);
    }
}
