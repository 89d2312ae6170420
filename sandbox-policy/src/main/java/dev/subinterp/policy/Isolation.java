package dev.subinterp.policy;

/** Where interpreters live, and so what of them can be limited. */
public enum Isolation {
    /** Each interpreter is a Context in the caller's JVM: cheap to start, but its heap is the caller's. */
    CONTEXT,
    /**
     * Each host-created interpreter, with the family its guests create, lives in a worker JVM of its
     * own: slower to start, but that JVM's heap can be limited ({@code limits.memory}).
     */
    PROCESS;

    /** The spelling used in policy files: {@code context}, {@code process}. */
    public String jsonName() {
        return name().toLowerCase();
    }
}
