package dev.subinterp.channel;

import dev.subinterp.interpreter.Interpreters;

/** One warm runtime for the channel tests of this JVM (Python contexts start much faster on it). */
final class SharedRuntimeForChannels {
    private static Interpreters runtime;

    private SharedRuntimeForChannels() {
    }

    static synchronized Interpreters get() {
        if (runtime == null) {
            runtime = new Interpreters();
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        }
        return runtime;
    }
}
