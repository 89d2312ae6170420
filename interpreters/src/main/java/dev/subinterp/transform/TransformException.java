package dev.subinterp.transform;

import dev.subinterp.error.ErrorKind;

/**
 * A transform could not be loaded or run, or gave back something that is not a tree. The message
 * starts with the transform's name (its file, for a transform file). Its {@link #kind()} is
 * {@link ErrorKind#PROGRAM_REFUSED} for {@link SourceSyntaxError} and {@link TransformRefused} (the
 * program's fault), else {@link ErrorKind#TRANSFORM_FAILED}.
 */
public class TransformException extends RuntimeException implements ErrorKind.Classified {
    private final String transform;
    private final ErrorKind kind;

    public TransformException(String transform, String message) {
        this(transform, message, ErrorKind.TRANSFORM_FAILED);
    }

    TransformException(String transform, String message, ErrorKind kind) {
        super(transform == null ? message : transform + ": " + message);
        this.transform = transform;
        this.kind = kind;
    }

    /** The transform's name (its file, the built-in's name), or null when no single transform is at fault. */
    public String transform() {
        return transform;
    }

    @Override
    public final ErrorKind kind() {
        return kind;
    }
}
