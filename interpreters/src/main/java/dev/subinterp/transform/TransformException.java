package dev.subinterp.transform;

/**
 * A transform could not be loaded or run, or gave back something that is not a tree. The message
 * starts with the transform's name (its file, for a transform file).
 */
public class TransformException extends RuntimeException {
    private final String transform;

    public TransformException(String transform, String message) {
        super(transform == null ? message : transform + ": " + message);
        this.transform = transform;
    }

    /** The transform's name (its file, the built-in's name), or null when no single transform is at fault. */
    public String transform() {
        return transform;
    }
}
