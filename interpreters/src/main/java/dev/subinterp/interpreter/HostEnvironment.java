package dev.subinterp.interpreter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The host process as a runtime's guests see it: the working directory relative paths start from
 * and the environment variables the policy may pass on. Usually this JVM's own; a service that runs
 * commands for other processes gives each command its caller's.
 *
 * @param workingDirectory absolute; where relative paths (a program file, {@code open("data.txt")}) start
 * @param variables        the environment; the policy's {@code environment} picks which of them guests see
 * @param hidden           directories guests never reach, whatever the policy's file roots (the warm
 *                         service's own directory: its socket and log)
 */
public record HostEnvironment(Path workingDirectory, Map<String, String> variables, List<Path> hidden) {
    public HostEnvironment {
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        variables = Map.copyOf(variables);
        hidden = hidden.stream().map(path -> path.toAbsolutePath().normalize()).toList();
    }

    /** A host whose guests may reach every file their policy's roots allow. */
    public HostEnvironment(Path workingDirectory, Map<String, String> variables) {
        this(workingDirectory, variables, List.of());
    }

    /** This JVM's working directory and environment. */
    public static HostEnvironment current() {
        return new HostEnvironment(Path.of("").toAbsolutePath(), System.getenv());
    }

    /**
     * The time zone the environment's {@code TZ} names (as the JVM reads it at start), or empty when
     * it names none this JVM knows: then guests get the JVM's default.
     */
    public java.util.Optional<java.time.ZoneId> timeZone() {
        String tz = variables.get("TZ");
        if (tz == null || tz.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.time.ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz));
        } catch (java.time.DateTimeException unknown) {
            return java.util.Optional.empty();
        }
    }
}
