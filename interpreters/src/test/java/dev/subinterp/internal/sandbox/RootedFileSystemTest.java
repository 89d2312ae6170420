package dev.subinterp.internal.sandbox;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RootedFileSystemTest {
    @TempDir
    Path dir;
    Path root;
    Path outside;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(root.resolve("in.txt"), "inside");
        Files.writeString(outside.resolve("secret.txt"), "secret");
    }

    private static String read(RootedFileSystem fs, Path path) throws IOException {
        try (SeekableByteChannel channel = fs.newByteChannel(path, Set.of(StandardOpenOption.READ))) {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            channel.read(buffer);
            return new String(buffer.array(), 0, buffer.position());
        }
    }

    private static void write(RootedFileSystem fs, Path path) throws IOException {
        try (SeekableByteChannel channel = fs.newByteChannel(path, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE))) {
            channel.write(ByteBuffer.wrap("x".getBytes()));
        }
    }

    @Test
    void readsUnderARootAndNothingElse() throws IOException {
        RootedFileSystem fs = new RootedFileSystem(List.of(root), false);
        assertEquals("inside", read(fs, root.resolve("in.txt")));
        assertThrows(AccessDeniedException.class, () -> read(fs, outside.resolve("secret.txt")));
        assertThrows(AccessDeniedException.class, () -> read(fs, Path.of("/etc/passwd")));
        assertThrows(AccessDeniedException.class, () -> fs.newDirectoryStream(dir, p -> true));
        assertThrows(AccessDeniedException.class, () -> fs.checkAccess(outside, Set.of(AccessMode.READ)));
    }

    @Test
    void dotDotDoesNotLeadOut() {
        RootedFileSystem fs = new RootedFileSystem(List.of(root), false);
        assertThrows(AccessDeniedException.class, () -> read(fs, root.resolve("../outside/secret.txt")));
        assertThrows(AccessDeniedException.class, () -> read(fs, root.resolve("../../../../../../etc/passwd")));
    }

    @Test
    void aSymbolicLinkInsideThatPointsOutsideIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
        RootedFileSystem fs = new RootedFileSystem(List.of(root), true);
        assertThrows(AccessDeniedException.class, () -> read(fs, root.resolve("escape/secret.txt")));
        assertThrows(AccessDeniedException.class, () -> read(fs, root.resolve("passwd")));
        assertThrows(AccessDeniedException.class, () -> write(fs, root.resolve("escape/planted.txt")));
        assertFalse(Files.exists(outside.resolve("planted.txt")));
    }

    @Test
    void guestsCannotCreateLinksThatPointOutside() {
        RootedFileSystem fs = new RootedFileSystem(List.of(root), true);
        assertThrows(AccessDeniedException.class, () -> fs.createSymbolicLink(root.resolve("out"), outside));
        assertThrows(AccessDeniedException.class, () -> fs.createSymbolicLink(root.resolve("up"), Path.of("../outside")));
        assertThrows(AccessDeniedException.class, () -> fs.createLink(root.resolve("hard"), outside.resolve("secret.txt")));
        assertFalse(Files.exists(root.resolve("out"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void readOnlyRefusesEveryKindOfWrite() {
        RootedFileSystem fs = new RootedFileSystem(List.of(root), false);
        assertThrows(AccessDeniedException.class, () -> write(fs, root.resolve("new.txt")));
        assertThrows(AccessDeniedException.class, () -> fs.delete(root.resolve("in.txt")));
        assertThrows(AccessDeniedException.class, () -> fs.createDirectory(root.resolve("sub")));
        assertThrows(AccessDeniedException.class, () -> fs.move(root.resolve("in.txt"), root.resolve("moved.txt")));
        assertTrue(Files.exists(root.resolve("in.txt")));
    }

    @Test
    void readWriteWritesUnderTheRootsOnly() throws IOException {
        RootedFileSystem fs = new RootedFileSystem(List.of(root), true);
        write(fs, root.resolve("new.txt"));
        fs.createDirectory(root.resolve("sub"));
        write(fs, root.resolve("sub/deeper.txt"));
        assertEquals("x", Files.readString(root.resolve("sub/deeper.txt")));
        assertThrows(AccessDeniedException.class, () -> write(fs, outside.resolve("new.txt")));
        assertThrows(AccessDeniedException.class, () -> fs.copy(outside.resolve("secret.txt"), root.resolve("copy.txt")));
        assertThrows(AccessDeniedException.class, () -> fs.move(root.resolve("in.txt"), outside.resolve("in.txt")));
    }

    @Test
    void aDanglingLinkMadeThroughAnotherLinkCannotCreateFilesOutside() throws IOException {
        // The reviewer's escape: a link whose textual parent differs from its real one, pointing at a
        // file that does not exist yet outside the roots.
        RootedFileSystem fs = new RootedFileSystem(List.of(root), true);
        Files.createDirectories(root.resolve("a/b/c"));
        fs.createSymbolicLink(root.resolve("a/b/c/s"), root);   // inside: allowed
        Path sneaky = root.resolve("a/b/c/s/L");                  // really root/L
        Path target = Path.of("../".repeat(4) + outside.getFileName() + "/pwn.txt");
        assertThrows(AccessDeniedException.class, () -> fs.createSymbolicLink(sneaky, target));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("created-through-link.txt"));
        assertThrows(AccessDeniedException.class, () -> write(fs, root.resolve("dangling")));
        assertFalse(Files.exists(outside.resolve("created-through-link.txt")));
        assertFalse(Files.exists(outside.resolve("pwn.txt")));
    }

    @Test
    void unlinkingALinkRemovesTheLinkNotItsTarget() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("to-secret"), outside.resolve("secret.txt"));
        RootedFileSystem fs = new RootedFileSystem(List.of(root), true);
        fs.delete(link);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("secret.txt")));
    }

    @Test
    void aDirectoryListingNamesEntriesAsTheGuestNamedTheDirectory() throws IOException {
        Files.createSymbolicLink(root.resolve("alias"), root);
        RootedFileSystem fs = new RootedFileSystem(List.of(root), false);
        try (var entries = fs.newDirectoryStream(root.resolve("alias"), p -> true)) {
            for (Path entry : entries) {
                assertTrue(entry.startsWith(root.resolve("alias")), entry.toString());
            }
        }
    }

    @Test
    void aRootThatIsItselfALinkMeansWhereItPoints() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link-to-root"), root);
        RootedFileSystem fs = new RootedFileSystem(List.of(link), false);
        assertEquals("inside", read(fs, link.resolve("in.txt")));
        assertEquals("inside", read(fs, root.resolve("in.txt")));
        assertThrows(AccessDeniedException.class, () -> read(fs, outside.resolve("secret.txt")));
    }

    @Test
    void aHiddenDirectoryUnderARootIsOutOfReachAndOutOfListings() throws IOException {
        Path service = Files.createDirectories(root.resolve("subinterp-runner-me"));   // as the warm service's directory in /tmp
        Files.writeString(service.resolve("service.log"), "other commands' output");
        Files.createSymbolicLink(root.resolve("to-log"), service.resolve("service.log"));
        RootedFileSystem fs = new RootedFileSystem(List.of(root), List.of(service), false);
        assertThrows(AccessDeniedException.class, () -> read(fs, service.resolve("service.log")));
        assertThrows(AccessDeniedException.class, () -> read(fs, root.resolve("to-log")));
        assertThrows(AccessDeniedException.class, () -> fs.newDirectoryStream(service, p -> true));
        List<String> listed = new java.util.ArrayList<>();
        try (var entries = fs.newDirectoryStream(root, p -> true)) {
            entries.forEach(entry -> listed.add(entry.getFileName().toString()));
        }
        assertTrue(listed.contains("in.txt") && !listed.contains("subinterp-runner-me"), listed.toString());
        assertEquals("inside", read(fs, root.resolve("in.txt")));
    }
}
