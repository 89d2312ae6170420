package dev.subinterp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The guest programs the benchmarks run: test-fixtures/bench, or the directory in -Dbench.fixtures. */
final class Fixtures {
    private Fixtures() {
    }

    static Path directory() {
        String configured = System.getProperty("bench.fixtures");
        Path directory = configured != null ? Path.of(configured) : Path.of("test-fixtures", "bench");
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("benchmark fixtures not found at " + directory.toAbsolutePath()
                    + "; run from the project root or set -Dbench.fixtures=DIR");
        }
        return directory;
    }

    static String read(String name) {
        try {
            return Files.readString(directory().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
