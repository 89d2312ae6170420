package dev.subinterp.service;

import dev.subinterp.policy.HostAccessLevel;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Commands the service leaves to the client's own process: those whose policy lets guests reach the
 * JVM itself (host access {@code all}: {@code System.exit} would end the service and every command in
 * it), start processes (which Ctrl-C could not reach) or load native code. The {@code trusted}
 * preset is such a policy.
 */
final class OwnProcess {
    /** exec's options that take a value, so that the scan does not take a value for the program. */
    private static final Set<String> WITH_VALUE = Set.of("--lang", "--policy", "--timeout", "--transform", "-c");

    private OwnProcess() {
    }

    /** Why {@code request} must run in the client's process, or null when the service may run it. */
    static String reason(Request request) {
        List<String> args = request.arguments();
        if (args.isEmpty() || !args.get(0).equals("exec")) {
            return null;
        }
        String named = null;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--policy=")) {
                named = arg.substring("--policy=".length());
            } else if (WITH_VALUE.contains(arg)) {
                if (arg.equals("--policy") && i + 1 < args.size()) {
                    named = args.get(i + 1);
                }
                i++;
            } else if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                break;   // the program: what follows is its own
            }
        }
        SandboxPolicy policy;
        try {
            policy = named == null ? PolicyLoader.defaultPolicy() : PolicyLoader.presetOrFile(named, Path.of(request.workingDirectory()));
        } catch (RuntimeException unusable) {
            return null;   // the command reports it, as it would in-process
        }
        String which = "the policy " + policy.name();
        if (policy.hostAccess() == HostAccessLevel.ALL) {
            return which + " gives guests all host access";
        }
        if (policy.processes()) {
            return which + " lets guests start processes";
        }
        if (policy.nativeAccess()) {
            return which + " lets guests load native code";
        }
        return null;
    }
}
