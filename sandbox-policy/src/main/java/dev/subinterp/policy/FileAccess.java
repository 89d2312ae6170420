package dev.subinterp.policy;

/** How much of the file system guest code may touch. */
public enum FileAccess {
    /** No file access at all. */
    NONE,
    /** Files may be read, never written. */
    READ_ONLY,
    /** Files may be read and written. */
    READ_WRITE;

    /** The spelling used in policy files: {@code none}, {@code read-only}, {@code read-write}. */
    public String jsonName() {
        return name().toLowerCase().replace('_', '-');
    }
}
