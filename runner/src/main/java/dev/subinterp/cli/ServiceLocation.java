package dev.subinterp.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the warm service of this user keeps its socket, lock and log: {@code RUNNER_DAEMON_DIR}, else
 * {@code $XDG_RUNTIME_DIR/subinterp-runner}, else {@code /tmp/subinterp-runner-USER}. Here, below the
 * service, because guests of an in-process command must not reach it either.
 */
public final class ServiceLocation {
    private ServiceLocation() {
    }

    /** The service directory for {@code environment} (a process's variables), not yet checked. */
    public static Path directory(Map<String, String> environment) {
        String chosen = environment.get("RUNNER_DAEMON_DIR");
        if (chosen != null && !chosen.isEmpty()) {
            return Path.of(chosen).toAbsolutePath();
        }
        String runtimeDir = environment.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isEmpty() && Files.isDirectory(Path.of(runtimeDir))) {
            return Path.of(runtimeDir, "subinterp-runner");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "subinterp-runner-" + System.getProperty("user.name"));
    }
}
