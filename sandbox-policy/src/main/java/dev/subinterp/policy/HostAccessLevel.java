package dev.subinterp.policy;

/** How much of the Java host guest code may reach through objects the embedder hands in. */
public enum HostAccessLevel {
    /** Nothing of the host is reachable; values cross only as JSON and bytes. */
    NONE,
    /** Only members annotated {@code @HostAccess.Export} of host objects the embedder hands in. */
    EXPORTED,
    /** Every public member of host objects (for tools you wrote yourself). */
    ALL;

    /** The spelling used in policy files: {@code none}, {@code exported}, {@code all}. */
    public String jsonName() {
        return name().toLowerCase();
    }
}
