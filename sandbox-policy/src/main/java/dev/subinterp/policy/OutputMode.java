package dev.subinterp.policy;

/** Where a guest's standard output or error goes. */
public enum OutputMode {
    /** To the stream the embedder (or the CLI) gives the interpreter. */
    PASS,
    /** Nowhere; it still counts toward the output limit. */
    DISCARD;

    /** The spelling used in policy files: {@code pass}, {@code discard}. */
    public String jsonName() {
        return name().toLowerCase();
    }
}
