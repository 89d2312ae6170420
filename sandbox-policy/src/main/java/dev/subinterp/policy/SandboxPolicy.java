package dev.subinterp.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What guest code may do, as plain immutable data. The runtime maps it onto GraalVM's context
 * builder; this module knows nothing of GraalVM.
 *
 * @param name             the preset name, or the file the policy was loaded from
 * @param languages        language ids allowed to run ({@code python}, {@code js})
 * @param fileAccess       how much of the file system guests may touch
 * @param threads          whether guest code may start threads
 * @param timeLimitPerCall wall-clock limit for each exec or call; empty means none
 * @param statementsPerCall how many guest statements each exec or call may run; empty means no limit.
 *                          GraalVM counts statements for JavaScript; GraalPy does not report them, so
 *                          for Python this limit has no effect
 */
public record SandboxPolicy(String name, Set<String> languages, FileAccess fileAccess, boolean threads,
                            Optional<Duration> timeLimitPerCall, Optional<Long> statementsPerCall) {

    public SandboxPolicy {
        languages = Set.copyOf(languages);
    }

    /** Whether guests of {@code languageId} may run under this policy. */
    public boolean allowsLanguage(String languageId) {
        return languages.contains(languageId);
    }
}
