package dev.subinterp.internal.engine;

import dev.subinterp.interpreter.HostEnvironment;
import org.graalvm.polyglot.Context;

import java.util.Objects;

/**
 * The part of an interpreter that does not depend on which interpreter it becomes: its Context, made
 * under the runtime's policy from a configuration, and the bridge that speaks to it. Everything that
 * names the interpreter (its id, its {@code interpreters} module, host objects and functions) is added
 * afterwards, so that a spare made ahead of demand ({@link SpareContexts}) is the same as a new one.
 */
record WarmContext(Context context, GuestBridge bridge, HostWaits hostWaits) {

    /** Makes the Context for {@code config} with {@code io}; runs on the interpreter's own thread. */
    static WarmContext build(InProcessBackend.RuntimeServices runtime, InterpreterConfig config, GuestContexts.Io io, HostWaits hostWaits) {
        HostEnvironment host = runtime.host();
        Context context = GuestContexts.builder(runtime.engine(), runtime.policy(), config.language(), io, host, config.packages())
                .arguments(config.language().id(), config.argumentArray()).build();
        try {
            GuestBridge bridge = GuestBridge.of(config.language(), context, GuestContexts.canReadWorkingDirectory(io, host), hostWaits);
            bridge.applyPolicy(runtime.policy());
            if (config.guestCreated() && config.scriptDirectory() != null) {
                bridge.findModulesIn(config.scriptDirectory());   // as a CPython subinterpreter's sys.path has the script's directory
            }
            bridge.usePackages(PackageDirectories.searchPaths(config.language(), config.packages()));
            return new WarmContext(context, bridge, hostWaits);
        } catch (RuntimeException | Error e) {
            context.close(true);
            throw e;
        }
    }

    /**
     * Whether a context made from {@code recipe} can serve {@code wanted}: the same language, arguments,
     * script directory, package directories and origin. Streams are relayed, and time limits, host
     * objects and functions belong to the interpreter, not its Context.
     */
    static boolean canServe(InterpreterConfig recipe, InterpreterConfig wanted) {
        return recipe.language() == wanted.language() && recipe.arguments().equals(wanted.arguments())
                && Objects.equals(recipe.scriptDirectory(), wanted.scriptDirectory())
                && recipe.packages().equals(wanted.packages()) && recipe.guestCreated() == wanted.guestCreated();
    }
}
