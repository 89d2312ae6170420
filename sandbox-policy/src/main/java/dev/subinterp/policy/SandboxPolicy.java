package dev.subinterp.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What guest code may do, as plain immutable data. The runtime maps it onto GraalVM's context
 * builder and enforces the limits; this module knows nothing of GraalVM. Load one with
 * {@link PolicyLoader}; print one with {@link PolicyJson}.
 *
 * @param name         the preset name, or the file the policy was loaded from
 * @param languages    language ids allowed to run ({@code python}, {@code js})
 * @param hostAccess   how much of host objects handed in by the embedder guests may use
 * @param hostClasses  Java classes guests may look up by name: exact names, {@code package.*}, or {@code *}
 * @param files        file access and the directories it applies to
 * @param environment  environment variables guests see (names; {@code *} for all)
 * @param threads      whether guest code may start threads
 * @param processes    whether guest code may start processes
 * @param nativeAccess whether guest code may load native code (C extensions, ctypes)
 * @param polyglotEval whether guest code may evaluate code of another allowed language
 * @param isolation    context: each interpreter is a Context in the caller's JVM; process: each host-created
 *                     interpreter, with the family its guests create, lives in a worker JVM of its own
 * @param stdout       where the guest's standard output goes
 * @param stderr       where the guest's standard error goes
 * @param limits       limits on time, statements, output, interpreters, threads, queue bytes, recursion,
 *                     memory (process isolation only)
 * @param packages     the package directories guests may import from (absolute; a directory under one of
 *                     them too), or empty for any directory the embedder or the command line names
 */
public record SandboxPolicy(String name, Set<String> languages, HostAccessLevel hostAccess, List<String> hostClasses,
                            FilePolicy files, List<String> environment, boolean threads, boolean processes,
                            boolean nativeAccess, boolean polyglotEval, Isolation isolation, OutputMode stdout,
                            OutputMode stderr, Limits limits, Optional<List<String>> packages) {

    public SandboxPolicy {
        languages = Set.copyOf(languages);
        hostClasses = List.copyOf(hostClasses);
        environment = List.copyOf(environment);
        packages = packages.map(List::copyOf);
    }

    /**
     * Whether guests may import packages from {@code directory} (absolute, real): any directory when the
     * policy names none, else one it names or one under them.
     */
    public boolean allowsPackages(java.nio.file.Path directory) {
        return packages.map(allowed -> allowed.stream().anyMatch(dir -> directory.startsWith(realPath(dir)))).orElse(true);
    }

    private static java.nio.file.Path realPath(String directory) {
        java.nio.file.Path path = java.nio.file.Path.of(directory);
        try {
            return path.toRealPath();
        } catch (java.io.IOException missing) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** Whether guests of {@code languageId} may run under this policy. */
    public boolean allowsLanguage(String languageId) {
        return languages.contains(languageId);
    }

    /** Whether guests may look up the Java class {@code className}. */
    public boolean allowsHostClass(String className) {
        for (String allowed : hostClasses) {
            if (allowed.equals("*") || allowed.equals(className) || allowed.endsWith(".*") && inPackage(className, allowed)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code className} is directly in the package {@code pattern} ({@code java.time.*}): subpackages are not. */
    private static boolean inPackage(String className, String pattern) {
        String pkg = pattern.substring(0, pattern.length() - 1);   // "java.time."
        return className.startsWith(pkg) && className.indexOf('.', pkg.length()) < 0;
    }

    /**
     * Whether guests may raise process signals and install process-level signal handlers. Signals belong
     * to the whole host process, so only a policy whose guests can reach the process anyway (start
     * processes and load native code, as under {@code trusted}) lets them.
     */
    public boolean allowsProcessSignals() {
        return processes && nativeAccess;
    }

    /** Whether guests see every environment variable of the host process. */
    public boolean inheritsEnvironment() {
        return environment.contains("*");
    }

    /** Whether each host-created interpreter and its family run in a worker JVM of their own. */
    public boolean processIsolated() {
        return isolation == Isolation.PROCESS;
    }

    /** Shorthand for {@code files().access()}. */
    public FileAccess fileAccess() {
        return files.access();
    }

    /** Shorthand for {@code limits().timePerCall()}. */
    public Optional<Duration> timeLimitPerCall() {
        return limits.timePerCall();
    }

    /** This policy, allowing {@code directory} as a package directory too (unchanged when it allows any). */
    public SandboxPolicy allowingPackages(String directory) {
        if (packages.isEmpty() || packages.get().contains(directory)) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(packages.get());
        more.add(directory);
        return new SandboxPolicy(name, languages, hostAccess, hostClasses, files, environment, threads, processes,
                nativeAccess, polyglotEval, isolation, stdout, stderr, limits, Optional.of(more));
    }

    /** A copy of this policy with other limits. */
    public SandboxPolicy withLimits(Limits newLimits) {
        return new SandboxPolicy(name, languages, hostAccess, hostClasses, files, environment, threads, processes,
                nativeAccess, polyglotEval, isolation, stdout, stderr, newLimits, packages);
    }

    /**
     * This policy with process isolation: what a supervisor that runs every program in a worker of its
     * own (the runner service) runs a context-isolated policy as. The memory limit stays as it is.
     */
    public SandboxPolicy withProcessIsolation() {
        return isolation == Isolation.PROCESS ? this : new SandboxPolicy(name, languages, hostAccess, hostClasses, files, environment,
                threads, processes, nativeAccess, polyglotEval, Isolation.PROCESS, stdout, stderr, limits, packages);
    }
}
