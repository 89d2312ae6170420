package dev.subinterp.service;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which build of the runner this is: its jar and the interpreters library's jar (or classes
 * directories) by name, size and time of last change. Client and service compare it so that a rebuilt
 * project never talks to an old service.
 */
final class Build {
    private Build() {
    }

    static String current() {
        return codeOf(Build.class) + "+" + codeOf(dev.subinterp.interpreter.Interpreters.class);
    }

    private static String codeOf(Class<?> type) {
        try {
            Path code = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getFileName() + ":" + Files.size(code) + ":" + Files.getLastModifiedTime(code).toMillis();
        } catch (URISyntaxException | java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
