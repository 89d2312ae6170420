package dev.subinterp.transform;

/**
 * A tree nested too deeply for the transform tools: deeper than {@link SourceTransform#MAX_DEPTH} levels,
 * or deeper than the tools interpreter's stack holds while parsing, checking or printing it (the policy's
 * {@code recursionDepth} sizes that stack). The message names the transform that made the tree, or starts
 * with the program's name when the program itself is that deep.
 */
public final class TreeTooDeep extends TransformException {
    public TreeTooDeep(String transform, String message) {
        super(transform, message);
    }
}
