package dev.subinterp.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether one policy asks for more than another allows: how an application keeps the policies its
 * plugins bring within what it is willing to grant. A limit the ceiling sets must be set as low or
 * lower; a switch the ceiling leaves off must be off; roots must lie inside the ceiling's roots; process
 * isolation the ceiling asks for must be asked for too.
 */
public final class PolicyCeiling {
    private PolicyCeiling() {
    }

    /** What {@code policy} asks for beyond {@code ceiling}, one line per key (JSON path first); empty if nothing. */
    public static List<String> excess(SandboxPolicy policy, SandboxPolicy ceiling) {
        List<String> over = new ArrayList<>();
        for (String language : policy.languages()) {
            if (!ceiling.allowsLanguage(language)) over.add("$.languages: " + language + " is not allowed");
        }
        if (policy.hostAccess().ordinal() > ceiling.hostAccess().ordinal()) {
            over.add("$.hostAccess: " + policy.hostAccess().jsonName() + " is more than " + ceiling.hostAccess().jsonName());
        }
        for (String pattern : policy.hostClasses()) {
            boolean covered = ceiling.hostClasses().contains("*") || ceiling.hostClasses().contains(pattern)
                    || !pattern.contains("*") && ceiling.allowsHostClass(pattern);
            if (!covered) over.add("$.hostClasses: " + pattern + " is not allowed");
        }
        files(policy.files(), ceiling.files(), over);
        if (!ceiling.inheritsEnvironment()) {
            for (String name : policy.environment()) {
                if (!ceiling.environment().contains(name)) over.add("$.environment: " + name + " is not allowed");
            }
        }
        flag("threads", policy.threads(), ceiling.threads(), over);
        flag("processes", policy.processes(), ceiling.processes(), over);
        flag("nativeAccess", policy.nativeAccess(), ceiling.nativeAccess(), over);
        flag("polyglotEval", policy.polyglotEval(), ceiling.polyglotEval(), over);
        if (ceiling.processIsolated() && !policy.processIsolated()) {
            over.add("$.isolation: " + policy.isolation().jsonName() + " is less than " + ceiling.isolation().jsonName());
        }
        ceiling.packages().ifPresent(allowed -> {
            if (policy.packages().isEmpty()) {
                over.add("$.packages: any directory is more than " + allowed);
            } else {
                for (String dir : policy.packages().get()) {
                    if (!ceiling.allowsPackages(Path.of(dir))) over.add("$.packages: " + dir + " is not allowed");
                }
            }
        });
        Limits mine = policy.limits();
        Limits max = ceiling.limits();
        limit("timePerCall", mine.timePerCall().map(d -> d.toMillis()), max.timePerCall().map(d -> d.toMillis()), over);
        limit("statementsPerCall.js", mine.statementsPerCall("js"), max.statementsPerCall("js"), over);
        limit("outputBytes", mine.outputBytes(), max.outputBytes(), over);
        limit("interpreters", mine.interpreters().map(Long::valueOf), max.interpreters().map(Long::valueOf), over);
        if (policy.threads()) {
            limit("threads", mine.threads().map(Long::valueOf), max.threads().map(Long::valueOf), over);
        }
        limit("queueBytes", mine.queueBytes(), max.queueBytes(), over);
        limit("recursionDepth", mine.recursionDepth().map(Long::valueOf), max.recursionDepth().map(Long::valueOf), over);
        limit("memory", mine.memory(), max.memory(), over);
        return over;
    }

    private static void files(FilePolicy mine, FilePolicy max, List<String> over) {
        if (mine.access() == FileAccess.NONE) {
            return;
        }
        if (mine.access().ordinal() > max.access().ordinal()) {
            over.add("$.files.access: " + mine.access().jsonName() + " is more than " + max.access().jsonName());
            return;
        }
        for (String root : mine.roots()) {
            boolean inside = max.roots().stream().anyMatch(allowed -> allowed.equals(root)
                    || !root.equals(FilePolicy.SCRIPT_DIR) && !allowed.equals(FilePolicy.SCRIPT_DIR)
                    && Path.of(root).normalize().startsWith(Path.of(allowed).normalize()));
            if (!inside) over.add("$.files.roots: " + root + " is not inside " + max.roots());
        }
    }

    private static void flag(String key, boolean mine, boolean max, List<String> over) {
        if (mine && !max) over.add("$." + key + ": true is not allowed");
    }

    private static void limit(String key, Optional<Long> mine, Optional<Long> max, List<String> over) {
        if (max.isPresent() && (mine.isEmpty() || mine.get() > max.get())) {
            over.add("$.limits." + key + ": " + mine.map(String::valueOf).orElse("no limit") + " is more than " + max.get());
        }
    }
}
