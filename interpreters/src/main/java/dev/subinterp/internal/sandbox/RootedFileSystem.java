package dev.subinterp.internal.sandbox;

import org.graalvm.polyglot.io.FileSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.Files;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GraalVM {@link FileSystem} that lets guests reach files only under a set of root directories,
 * read-only or read-write. Every path is resolved on disk name by name, as the kernel would ({@code ..}
 * after links, dangling links followed to where they point) and checked by that real location; the
 * operation then uses the real path and never follows a link at its final name. Links a guest creates
 * must point inside the roots, as resolved from where the link really is; unlink, rename and lstat act
 * on a link itself.
 *
 * <p>Refusals are {@link AccessDeniedException}s, which guests see as their own permission error
 * ({@code PermissionError} in Python).
 */
public final class RootedFileSystem implements FileSystem {
    private final FileSystem host = FileSystem.newDefaultFileSystem();
    private final List<Path> roots;
    /** Directories guests may read under every policy and never change (package directories). */
    private final List<Path> readOnlyRoots;
    private final List<Path> hidden;
    private final boolean writable;

    /**
     * @param roots    directories guests may reach (need not exist yet)
     * @param writable whether guests may create, change and delete files under them
     */
    public RootedFileSystem(List<Path> roots, boolean writable) {
        this(roots, List.of(), writable);
    }

    /**
     * @param roots    directories guests may reach (need not exist yet)
     * @param hidden   directories guests never reach, even under a root; listings leave them out
     * @param writable whether guests may create, change and delete files under them
     */
    public RootedFileSystem(List<Path> roots, List<Path> hidden, boolean writable) {
        this(roots, List.of(), hidden, writable);
    }

    /**
     * @param roots         directories guests may reach (need not exist yet)
     * @param readOnlyRoots directories guests may read but never change, even when they lie under a writable root
     * @param hidden        directories guests never reach, even under a root; listings leave them out
     * @param writable      whether guests may create, change and delete files under {@code roots}
     */
    public RootedFileSystem(List<Path> roots, List<Path> readOnlyRoots, List<Path> hidden, boolean writable) {
        this.roots = realPaths(roots, "file root");
        this.readOnlyRoots = realPaths(readOnlyRoots, "read-only root");
        this.hidden = realPaths(hidden, "hidden directory");
        this.writable = writable;
    }

    private static List<Path> realPaths(List<Path> paths, String what) {
        List<Path> real = new ArrayList<>();
        for (Path path : paths) {
            try {
                real.add(resolve(path.toAbsolutePath(), 0));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot resolve the " + what + " " + path, e);
            }
        }
        return List.copyOf(real);
    }

    /** Whether {@code path} lies under one of the roots (by its real location). */
    public boolean reaches(Path path) {
        try {
            return underRoot(resolve(host.toAbsolutePath(path), 0));
        } catch (IOException e) {
            return false;
        }
    }

    /** The real location of {@code path}, following every link; checked to be under a root. */
    private Path read(Path path) throws IOException {
        return check(path, resolve(host.toAbsolutePath(path), 0));
    }

    /** Like {@link #read}, and refused unless the policy allows writing. */
    private Path write(Path path) throws IOException {
        return writable(path, read(path));
    }

    /**
     * The real location of {@code path} itself when it may be a link (unlink, rename, lstat): its
     * directory resolved, its own name not followed.
     */
    private Path entry(Path path) throws IOException {
        Path absolute = host.toAbsolutePath(path);
        Path name = absolute.getFileName();
        if (name == null || name.toString().equals("..") || name.toString().equals(".")) {
            return read(path);
        }
        return check(path, resolve(absolute.getParent(), 0).resolve(name));
    }

    /** {@link #entry} when the caller asked not to follow links (an lstat), else {@link #read}. */
    private Path located(Path path, LinkOption... options) throws IOException {
        return options.length > 0 ? entry(path) : read(path);
    }

    private Path check(Path asGiven, Path real) throws IOException {
        if (!underRoot(real)) {
            throw new AccessDeniedException(asGiven.toString(), null, "outside the sandbox policy's file roots");
        }
        return real;
    }

    private Path writable(Path asGiven, Path real) throws IOException {
        if (!writable) {
            throw new AccessDeniedException(asGiven.toString(), null, "the sandbox policy allows reading files only");
        }
        for (Path readOnly : readOnlyRoots) {
            if (real.startsWith(readOnly)) {
                throw new AccessDeniedException(asGiven.toString(), null, "package directories are read-only");
            }
        }
        return real;
    }

    private boolean underRoot(Path real) {
        for (Path secret : hidden) {
            if (real.startsWith(secret)) {
                return false;
            }
        }
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return true;
            }
        }
        for (Path root : readOnlyRoots) {
            if (real.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves {@code absolute} on disk one name at a time, as the kernel would: {@code ..} applies to
     * the real directory reached so far, and every link met, dangling ones included, is replaced by its
     * target. Names that do not exist yet are kept as they are.
     */
    private static Path resolve(Path absolute, int depth) throws IOException {
        if (depth > MAX_LINKS) {
            throw new java.nio.file.FileSystemException(absolute.toString(), null, "too many levels of symbolic links");
        }
        Path current = absolute.getRoot();
        for (Path name : absolute) {
            String n = name.toString();
            if (n.equals(".") || n.isEmpty()) {
                continue;
            }
            if (n.equals("..")) {
                current = current.getParent() != null ? current.getParent() : current;
                continue;
            }
            Path next = current.resolve(name);
            if (Files.isSymbolicLink(next)) {
                Path target = Files.readSymbolicLink(next);
                next = resolve(target.isAbsolute() ? target : current.resolve(target), depth + 1);
            }
            current = next;
        }
        return current;
    }

    private static final int MAX_LINKS = 40;

    /** The options, with links at the final name never followed: {@link #resolve} already did. */
    private static Set<OpenOption> noFollow(Set<? extends OpenOption> options) {
        Set<OpenOption> all = new HashSet<>(options);
        all.add(LinkOption.NOFOLLOW_LINKS);
        return all;
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
        Path real = located(path, linkOptions);
        if (modes.contains(AccessMode.WRITE)) {
            writable(path, real);
        }
        // GraalVM's default file system takes NOFOLLOW_LINKS only for an existence check; the real path
        // has no link at its final name anyway.
        if (modes.isEmpty()) {
            host.checkAccess(real, modes, LinkOption.NOFOLLOW_LINKS);
        } else {
            host.checkAccess(real, modes);
        }
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        host.createDirectory(write(dir), attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        host.delete(writable(path, entry(path)));   // unlinking a link removes the link, not its target
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        Path real = writes(options) ? write(path) : read(path);
        return host.newByteChannel(real, noFollow(options), attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        Path real = read(dir);
        DirectoryStream<Path> entries = host.newDirectoryStream(real, filter);
        return new DirectoryStream<>() {
            @Override
            public java.util.Iterator<Path> iterator() {
                java.util.Iterator<Path> inner = entries.iterator();
                return new java.util.Iterator<>() {
                    private Path next = advance();

                    /** The next entry that is not a hidden directory (as the host lists it), or null. */
                    private Path advance() {
                        while (inner.hasNext()) {
                            Path entry = inner.next();
                            if (!hidden.contains(entry)) {
                                return entry;
                            }
                        }
                        return null;
                    }

                    @Override
                    public boolean hasNext() {
                        return next != null;
                    }

                    @Override
                    public Path next() {
                        if (next == null) {
                            throw new java.util.NoSuchElementException();
                        }
                        Path entry = next;
                        next = advance();
                        return dir.resolve(entry.getFileName());   // entries named as the guest named the directory
                    }
                };
            }

            @Override
            public void close() throws IOException {
                entries.close();
            }
        };
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return host.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return host.toRealPath(located(path, linkOptions), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return host.readAttributes(located(path, options), attributes, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        host.setAttribute(writable(path, located(path, options)), attribute, value, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        host.copy(read(source), writable(target, entry(target)), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        host.move(writable(source, entry(source)), writable(target, entry(target)), options);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        host.createLink(writable(link, entry(link)), write(existing));
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        Path real = writable(link, entry(link));
        // Where the link will really point: its target, resolved from the link's real directory.
        Path pointsTo = resolve(target.isAbsolute() ? target : real.getParent().resolve(target), 0);
        if (!underRoot(pointsTo)) {
            throw new AccessDeniedException(link.toString(), target.toString(), "a link may only point inside the sandbox policy's file roots");
        }
        host.createSymbolicLink(real, target, attrs);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return host.readSymbolicLink(entry(link));
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
        return host.isSameFile(read(path1), read(path2));
    }
}
