package dev.subinterp.interpreter;

/**
 * One runtime for the whole test JVM (all test packages): a Python context on a warm shared engine starts in a fraction
 * of the first one's time. Tests still create and close their own interpreters, so they stay isolated.
 */
public final class SharedRuntime {
    private static Interpreters runtime;

    private SharedRuntime() {
    }

    public static synchronized Interpreters get() {
        if (runtime == null) {
            runtime = new Interpreters();
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        }
        return runtime;
    }
}
