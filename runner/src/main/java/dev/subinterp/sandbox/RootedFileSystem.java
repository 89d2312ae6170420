package dev.subinterp.sandbox;

import org.graalvm.polyglot.io.FileSystem;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GraalVM {@link FileSystem} that lets guests reach files only under a set of root directories,
 * read-only or read-write. Every path is checked by its real location: {@code ..} and symbolic links
 * (existing ones, or ones a guest creates) cannot lead out of the roots. Operations then use the
 * checked real path, so a link swapped in afterwards is not followed for the final name.
 *
 * <p>Refusals are {@link AccessDeniedException}s, which guests see as their own permission error
 * ({@code PermissionError} in Python).
 */
public final class RootedFileSystem implements FileSystem {
    private final FileSystem host = FileSystem.newDefaultFileSystem();
    private final List<Path> roots;
    private final boolean writable;

    /**
     * @param roots    directories guests may reach (need not exist yet)
     * @param writable whether guests may create, change and delete files under them
     */
    public RootedFileSystem(List<Path> roots, boolean writable) {
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            real.add(realOrNearest(root.toAbsolutePath().normalize()));
        }
        this.roots = List.copyOf(real);
        this.writable = writable;
    }

    /** Whether {@code path} lies under one of the roots (by its real location). */
    public boolean reaches(Path path) {
        return underRoot(realOrNearest(host.toAbsolutePath(path).normalize()));
    }

    private Path read(Path path) throws IOException {
        Path real = realOrNearest(host.toAbsolutePath(path).normalize());
        if (!underRoot(real)) {
            throw new AccessDeniedException(path.toString(), null, "outside the sandbox policy's file roots");
        }
        return real;
    }

    private Path write(Path path) throws IOException {
        Path real = read(path);
        if (!writable) {
            throw new AccessDeniedException(path.toString(), null, "the sandbox policy allows reading files only");
        }
        return real;
    }

    private boolean underRoot(Path real) {
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /** The real path of {@code absolute}, or of its nearest existing ancestor with the rest appended. */
    private static Path realOrNearest(Path absolute) {
        Path existing = absolute;
        List<Path> missing = new ArrayList<>();
        while (existing != null) {
            try {
                Path real = existing.toRealPath();
                for (int i = missing.size() - 1; i >= 0; i--) {
                    real = real.resolve(missing.get(i));
                }
                return real;
            } catch (IOException | SecurityException e) {
                if (existing.getFileName() != null) {
                    missing.add(existing.getFileName());
                }
                existing = existing.getParent();
            }
        }
        return absolute;
    }

    private static boolean writes(Set<? extends OpenOption> options) {
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)
                || options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW)
                || options.contains(StandardOpenOption.DELETE_ON_CLOSE) || options.contains(StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public Path parsePath(URI uri) {
        return host.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return host.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        Path real = modes.contains(AccessMode.WRITE) ? write(path) : read(path);
        host.checkAccess(real, modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        host.createDirectory(write(dir), attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        host.delete(write(path));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        Path real = writes(options) ? write(path) : read(path);
        return host.newByteChannel(real, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        read(dir);
        return host.newDirectoryStream(dir, filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return host.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        read(path);
        return host.toRealPath(path, linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        if (options.length > 0) {
            // Attributes of a link itself: check the directory it sits in, the link may point anywhere.
            Path absolute = host.toAbsolutePath(path).normalize();
            Path parent = absolute.getParent();
            if (parent == null || !underRoot(realOrNearest(parent)) || !underRoot(realOrNearest(parent).resolve(absolute.getFileName()))) {
                throw new AccessDeniedException(path.toString(), null, "outside the sandbox policy's file roots");
            }
            return host.readAttributes(absolute, attributes, options);
        }
        return host.readAttributes(read(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        host.setAttribute(write(path), attribute, value, options);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        host.copy(read(source), write(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        host.move(write(source), write(target), options);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        host.createLink(write(link), write(existing));
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        Path absoluteTarget = target.isAbsolute() ? target : host.toAbsolutePath(link).normalize().resolveSibling(target);
        write(absoluteTarget);   // a link may only point inside the roots
        host.createSymbolicLink(write(link), target, attrs);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        Path absolute = host.toAbsolutePath(link).normalize();
        if (absolute.getParent() == null || !underRoot(realOrNearest(absolute.getParent()))) {
            throw new AccessDeniedException(link.toString(), null, "outside the sandbox policy's file roots");
        }
        return host.readSymbolicLink(absolute);
    }

    @Override
    public void setCurrentWorkingDirectory(Path currentWorkingDirectory) {
        host.setCurrentWorkingDirectory(currentWorkingDirectory);
    }

    @Override
    public String getSeparator() {
        return host.getSeparator();
    }

    @Override
    public String getPathSeparator() {
        return host.getPathSeparator();
    }

    @Override
    public Path getTempDirectory() {
        return host.getTempDirectory();
    }

    @Override
    public boolean isSameFile(Path path1, Path path2, LinkOption... options) throws IOException {
        return host.isSameFile(read(path1), read(path2), options);
    }
}
