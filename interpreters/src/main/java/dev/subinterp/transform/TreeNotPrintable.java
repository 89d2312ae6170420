package dev.subinterp.transform;

/**
 * A tree whose printed form is another program: printed, then parsed again, it does not give the same
 * tree back (positions and formatting aside), or it does not parse at all. Such a tree is refused after
 * the step that made it, so that the checks after that step and the program that runs are the same
 * program. The message names the transform, and the first place where the two trees differ.
 */
public final class TreeNotPrintable extends TransformException {
    public TreeNotPrintable(String transform, String message) {
        super(transform, message);
    }
}
