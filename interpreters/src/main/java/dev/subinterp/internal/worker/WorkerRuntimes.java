package dev.subinterp.internal.worker;

import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.policy.SandboxPolicy;
import org.graalvm.polyglot.Engine;

import java.lang.invoke.MethodHandles;

/**
 * How a worker JVM makes the runtime of the family it serves: one whose interpreters run in the worker
 * itself (it is their process boundary) and whose first interpreter takes the id the supervisor gave
 * it, so errors name the interpreter as the host knows it. The interpreter package installs its maker
 * here as it initializes (as {@code ChannelMaker} does for queues).
 */
public final class WorkerRuntimes {
    /** Makes a worker's runtime; implemented in the interpreter package. */
    public interface Maker {
        Interpreters runtime(SandboxPolicy policy, Engine engine, HostEnvironment host, int firstId);
    }

    private static Maker maker;

    private WorkerRuntimes() {
    }

    /** Called once, by the interpreter package as it initializes. */
    public static synchronized void install(Maker interpreterPackage) {
        if (maker != null) {
            throw new IllegalStateException("the interpreter package's maker is already installed");
        }
        maker = interpreterPackage;
    }

    static Maker get() {
        try {
            MethodHandles.lookup().ensureInitialized(Interpreters.class);   // its static initializer installs the maker
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        synchronized (WorkerRuntimes.class) {
            return maker;
        }
    }
}
