package dev.subinterp.internal.sandbox;

import org.graalvm.polyglot.io.FileSystem;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;

/**
 * The file system of a policy that allows no file access: every operation is refused with an
 * {@link AccessDeniedException}, which guests see as their own catchable {@code PermissionError}.
 * GraalVM's own "no IO" file system throws a Java {@code SecurityException} instead, which some
 * GraalPy calls ({@code os.access}, {@code os.getcwd}, {@code os.chdir}, {@code tempfile.mkstemp}) let
 * through as an error no {@code except} can catch.
 *
 * <p>Nothing here touches the disk, so a refusal says nothing about whether a path exists. The working
 * directory guests see is {@code /}: the host's is none of their business.
 */
public final class DeniedFileSystem implements FileSystem {
    private static final Path ROOT = Path.of("/");
    private final FileSystem paths = FileSystem.newDefaultFileSystem();   // parsing only, never I/O

    private static AccessDeniedException denied(Path path) {
        return new AccessDeniedException(String.valueOf(path), null, "the sandbox policy allows no file access");
    }

    @Override
    public Path parsePath(URI uri) {
        return paths.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return paths.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        throw denied(path);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw denied(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        throw denied(path);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        throw denied(path);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        throw denied(dir);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : ROOT.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        throw denied(path);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        throw denied(path);
    }

    @Override
    public void setCurrentWorkingDirectory(Path currentWorkingDirectory) {
        // Guests cannot change directory: there is nothing to change to.
    }

    @Override
    public Path getTempDirectory() {
        return ROOT.resolve("tmp");
    }
}
