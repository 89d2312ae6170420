package dev.subinterp.internal.engine;

import dev.subinterp.interpreter.HostFunction;
import dev.subinterp.interpreter.Language;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one interpreter is made from, fixed when {@code Interpreter.Builder.create()} is called: the
 * builder snapshots itself into this record, and nothing reads the builder afterwards.
 *
 * @param timeLimit         the per-call limit that overrides the policy's, or null to take the policy's
 * @param scriptDirectory   what the policy's {@code ${scriptDir}} stands for, or null for the working directory
 * @param packages          package directories the guest imports from (real paths, checked against the policy)
 * @param hostFunctionsName the module (Python) or global (JS) that offers {@code hostFunctions}, or null for none
 * @param guestCreated      whether a guest created this interpreter through its {@code interpreters} module
 */
public record InterpreterConfig(Language language, OutputStream stdout, OutputStream stderr, InputStream stdin,
                                Duration timeLimit, List<String> arguments, String whence, Path scriptDirectory,
                                List<Path> packages, Map<String, Object> hostObjects, String hostFunctionsName,
                                Map<String, HostFunction> hostFunctions, boolean guestCreated) {
    public InterpreterConfig {
        arguments = List.copyOf(arguments);
        packages = List.copyOf(packages);
        hostObjects = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hostObjects));   // in order; values may be any object
        hostFunctions = Map.copyOf(hostFunctions);
    }

    /**
     * Whether an interpreter made from this configuration ahead of time can stand in for one made from
     * {@code other}: same language, arguments, script directory and time limit, and nothing handed in
     * but the standard streams (which a {@link StreamRelay} connects later).
     */
    public boolean canStandIn(InterpreterConfig other) {
        return language == other.language && arguments.equals(other.arguments)
                && Objects.equals(scriptDirectory, other.scriptDirectory) && Objects.equals(timeLimit, other.timeLimit)
                && packages.equals(other.packages)
                && whence.equals(other.whence) && isPlain() && other.isPlain();
    }

    /** Nothing but streams, arguments and limits: no host objects or functions, not a guest's child. */
    public boolean isPlain() {
        return hostObjects.isEmpty() && hostFunctionsName == null && !guestCreated;
    }

    /** This configuration with standard streams that {@code relay} connects later. */
    public InterpreterConfig relayedThrough(StreamRelay relay) {
        return new InterpreterConfig(language, relay.out, relay.err, relay.in, timeLimit, arguments, whence, scriptDirectory,
                packages, hostObjects, hostFunctionsName, hostFunctions, guestCreated);
    }

    /** The program's command-line arguments as an array (GraalVM's {@code Context.Builder.arguments}). */
    public String[] argumentArray() {
        return arguments.toArray(String[]::new);
    }
}
