package dev.subinterp.internal.sandbox;

import org.graalvm.polyglot.io.FileSystem;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;

/**
 * A guest's file system plus the languages' own files (GraalPy's standard library, internal
 * resources), read-only. GraalVM's wrappers that add those files refuse every atomic move, which is
 * how Python's {@code os.replace} and every "write a temporary file, then rename it" (pip, caches)
 * work; a rename can only concern the guest's own files (the languages' are read-only), so this
 * class hands renames to the guest's file system and everything else to GraalVM's wrappers.
 */
public final class WithLanguageFiles implements FileSystem {
    private final FileSystem combined;
    private final FileSystem guestFiles;

    public WithLanguageFiles(FileSystem guestFiles) {
        this.guestFiles = guestFiles;
        this.combined = FileSystem.allowInternalResourceAccess(FileSystem.allowLanguageHomeAccess(guestFiles));
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        guestFiles.move(plain(source), plain(target), options);
    }

    /** The path as the guest's file system parses it (GraalVM's wrappers hand in paths of their own). */
    private Path plain(Path path) {
        return guestFiles.parsePath(path.toString());
    }

    @Override
    public Path parsePath(URI uri) {
        return combined.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return combined.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        combined.checkAccess(path, modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        combined.createDirectory(dir, attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        combined.delete(path);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        return combined.newByteChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        return combined.newDirectoryStream(dir, filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return combined.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return combined.toRealPath(path, linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return combined.readAttributes(path, attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        combined.setAttribute(path, attribute, value, options);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        combined.copy(source, target, options);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        combined.createLink(link, existing);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        combined.createSymbolicLink(link, target, attrs);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return combined.readSymbolicLink(link);
    }

    @Override
    public void setCurrentWorkingDirectory(Path currentWorkingDirectory) {
        combined.setCurrentWorkingDirectory(currentWorkingDirectory);
    }

    @Override
    public String getSeparator() {
        return combined.getSeparator();
    }

    @Override
    public String getPathSeparator() {
        return combined.getPathSeparator();
    }

    @Override
    public String getMimeType(Path path) {
        return combined.getMimeType(path);
    }

    @Override
    public Charset getEncoding(Path path) {
        return combined.getEncoding(path);
    }

    @Override
    public Path getTempDirectory() {
        return combined.getTempDirectory();
    }

    @Override
    public boolean isSameFile(Path path1, Path path2, LinkOption... options) throws IOException {
        return combined.isSameFile(path1, path2, options);
    }

    @Override
    public long getFileStoreTotalSpace(Path path) throws IOException {
        return combined.getFileStoreTotalSpace(path);
    }

    @Override
    public long getFileStoreUnallocatedSpace(Path path) throws IOException {
        return combined.getFileStoreUnallocatedSpace(path);
    }

    @Override
    public long getFileStoreUsableSpace(Path path) throws IOException {
        return combined.getFileStoreUsableSpace(path);
    }

    @Override
    public long getFileStoreBlockSize(Path path) throws IOException {
        return combined.getFileStoreBlockSize(path);
    }

    @Override
    public boolean isFileStoreReadOnly(Path path) throws IOException {
        return combined.isFileStoreReadOnly(path);
    }
}
