package dev.subinterp.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * Recognizes settings that only Oracle GraalVM (the enterprise edition) provides, so that a policy
 * asking for them is refused with a reason instead of an "unknown key" or a silently weaker sandbox.
 */
final class EnterpriseSettings {
    private static final String COMMUNITY = "GraalVM Community refuses it, and this runtime does not pretend to provide it";

    private EnterpriseSettings() {
    }

    /** Why {@code key} cannot be honoured, if it is an enterprise-only setting. */
    static Optional<String> explain(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.equals("sandbox") || k.equals("sandboxpolicy")) {
            return Optional.of("GraalVM's sandbox levels beyond TRUSTED (CONSTRAINED, ISOLATED, UNTRUSTED) are not offered:"
                    + " ISOLATED and UNTRUSTED need Oracle GraalVM (enterprise) and " + COMMUNITY
                    + "; describe what guests may do with this policy's own keys instead");
        }
        if (k.startsWith("sandbox.")) {
            return Optional.of("'" + key + "' is an Oracle GraalVM (enterprise) sandbox limit; " + COMMUNITY
                    + ". Use \"limits\" (timePerCall, statementsPerCall, outputBytes, interpreters, threads,"
                    + " queueBytes, recursionDepth, memory)" + (k.contains("heap") || k.contains("memory")
                    ? "; heap memory cannot be hard-limited in-process on Community, only with \"isolation\": \"process\""
                    + " and limits.memory (see README, Memory)" : ""));
        }
        if (k.startsWith("engine.") && (k.contains("isolate"))) {
            return Optional.of("'" + key + "' configures isolates, an Oracle GraalVM (enterprise) feature; " + COMMUNITY);
        }
        if (k.equals("maxheapmemory") || k.equals("heapbytes") || k.equals("memory") || k.equals("maxmemory")) {
            return Optional.of("heap memory of an in-process interpreter cannot be hard-limited on GraalVM Community"
                    + " (that is sandbox.MaxHeapMemory, enterprise only); with \"isolation\": \"process\","
                    + " limits.memory limits a worker JVM's heap instead; see README, Memory");
        }
        return Optional.empty();
    }
}
