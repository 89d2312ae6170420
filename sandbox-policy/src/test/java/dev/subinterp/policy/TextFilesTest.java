package dev.subinterp.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Programs, policies, manifests and transforms are read from regular files of a bounded size only. */
class TextFilesTest {
    @TempDir
    Path dir;

    private static String refusal(Path file) {
        FileSystemException e = assertThrows(FileSystemException.class, () -> TextFiles.read(file), file.toString());
        return TextFiles.reason(e);
    }

    @Test
    void aRegularFileAndALinkToOneAreRead() throws IOException {
        Path file = Files.writeString(dir.resolve("p.py"), "print('é')\n");
        assertEquals("print('é')\n", TextFiles.read(file));
        assertEquals("print('é')\n", TextFiles.read(Files.createSymbolicLink(dir.resolve("link.py"), file)));
    }

    @Test
    void specialFilesAndDirectoriesAreRefusedBeforeAnythingIsRead() throws Exception {
        assertEquals("not a regular file", refusal(Path.of("/dev/zero")));   // would fill the heap
        assertEquals("not a regular file", refusal(dir));
        Path fifo = dir.resolve("fifo.py");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertEquals("not a regular file", refusal(fifo));   // would block the reader until a writer came
        assertEquals("not a regular file", refusal(Files.createSymbolicLink(dir.resolve("zero.py"), Path.of("/dev/zero"))));
    }

    @Test
    void aFileLargerThanTheBoundIsRefused() throws IOException {
        Path large = dir.resolve("large.py");
        try (var out = Files.newOutputStream(large)) {
            out.write(new byte[TextFiles.MAX_BYTES + 1]);
        }
        assertEquals("larger than 16 MiB", refusal(large));
        Path atTheBound = Files.write(dir.resolve("bound.py"), new byte[TextFiles.MAX_BYTES]);
        assertEquals(TextFiles.MAX_BYTES, TextFiles.read(atTheBound).length());
    }

    @Test
    void otherFailuresAreSaidInAFewWords() throws IOException {
        assertEquals("no such file", TextFiles.reason(assertThrows(IOException.class, () -> TextFiles.read(dir.resolve("none.py")))));
        Path latin1 = Files.write(dir.resolve("latin1.py"), new byte[]{'#', (byte) 0xE9, '\n'});
        assertEquals("not UTF-8 text", TextFiles.reason(assertThrows(IOException.class, () -> TextFiles.read(latin1))));
    }

    @Test
    void aPolicyFileIsReadTheSameWay() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.presetOrFile("/dev/zero"));
        assertTrue(e.getMessage().contains("/dev/zero: $: cannot be read: not a regular file"), e.getMessage());
    }
}
