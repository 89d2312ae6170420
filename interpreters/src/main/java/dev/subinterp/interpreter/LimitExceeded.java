package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;
/**
 * A limit other than time was reached: statements, output ({@link OutputLimitExceeded}), or memory
 * and stack as reported by GraalVM. CLI exit 125. {@link #kind()} tells them apart:
 * {@link ErrorKind#MEMORY}, {@link ErrorKind#OUTPUT_LIMIT} or {@link ErrorKind#RESOURCE_LIMIT}.
 */
public class LimitExceeded extends InterpreterError {
    /** A limit of kind {@link ErrorKind#RESOURCE_LIMIT}. */
    public LimitExceeded(String message) {
        this(message, ErrorKind.RESOURCE_LIMIT);
    }

    /** A limit of {@code kind}: {@link ErrorKind#MEMORY}, {@link ErrorKind#OUTPUT_LIMIT} or {@link ErrorKind#RESOURCE_LIMIT}. */
    public LimitExceeded(String message, ErrorKind kind) {
        super(message, kind);
        if (kind != ErrorKind.MEMORY && kind != ErrorKind.OUTPUT_LIMIT && kind != ErrorKind.RESOURCE_LIMIT) {
            throw new IllegalArgumentException(kind + " is not a kind of limit");
        }
    }
}
