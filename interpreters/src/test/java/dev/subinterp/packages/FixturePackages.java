package dev.subinterp.packages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real packages in {@code test-fixtures/packages/}, installed as the package tools lay them out:
 * a pure-Python wheel is unpacked into the target as it is (pip's {@code --target}), an npm tarball's
 * {@code package/} into {@code node_modules/NAME}. (The runner's own {@code packages install} is tested
 * in the runner module; here the library needs only the result.)
 */
final class FixturePackages {
    static final Path PYPI = Path.of("..", "test-fixtures", "packages", "pypi");
    static final Path NPM = Path.of("..", "test-fixtures", "packages", "npm");

    private FixturePackages() {
    }

    /** Unpacks each wheel of {@code test-fixtures/packages/pypi/} named into {@code target}. */
    static Path wheels(Path target, String... files) throws IOException {
        for (String file : files) {
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(PYPI.resolve(file)))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!entry.isDirectory()) {
                        Files.createDirectories(out.getParent());
                        Files.copy(zip, out);
                    }
                }
            }
        }
        return target;
    }

    /** Unpacks each npm tarball of {@code test-fixtures/packages/npm/} named into {@code target/node_modules/NAME}. */
    static Path npm(Path target, String... files) throws IOException {
        for (String file : files) {
            String name = file.substring(0, file.lastIndexOf('-'));   // is-odd-3.0.1.tgz -> is-odd
            try (InputStream tar = new GZIPInputStream(Files.newInputStream(NPM.resolve(file)))) {
                byte[] header = new byte[512];
                while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                    String path = field(header, 0, 100);
                    long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                    byte[] data = tar.readNBytes((int) size);
                    tar.skipNBytes((512 - size % 512) % 512);
                    if (header[156] == '0' || header[156] == 0) {   // a regular file: package/...
                        Path out = target.resolve("node_modules").resolve(name).resolve(path.substring(path.indexOf('/') + 1)).normalize();
                        Files.createDirectories(out.getParent());
                        Files.write(out, data);
                    }
                }
            }
        }
        return target;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
