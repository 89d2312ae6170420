package dev.subinterp.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the text files a user names (programs, policies, plugin manifests and entries, transforms):
 * regular files only, and at most {@link #MAX_BYTES}. A FIFO would block the reader (a service thread)
 * forever and {@code /dev/zero} would fill the heap, so both are refused before anything is read.
 */
public final class TextFiles {
    /** The largest program, policy, manifest or transform file read: 16 MiB. */
    public static final int MAX_BYTES = 16 << 20;

    private TextFiles() {
    }

    /**
     * The UTF-8 text of {@code file} (links followed).
     *
     * @throws FileSystemException whose {@link FileSystemException#getReason() reason} is {@code not a
     *                             regular file} or {@code larger than 16 MiB}
     * @throws java.nio.charset.MalformedInputException when the file is not UTF-8 text
     * @throws IOException         as {@link Files#newInputStream} does (no such file, permission denied)
     */
    public static String read(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * The UTF-8 text of {@code in} (standard input), read up to {@link #MAX_BYTES}; {@code name} names it
     * in errors.
     */
    public static String read(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new FileSystemException(name, null, "larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        // (a decoder that reports, as Files.readString does, instead of replacing bad bytes with U+FFFD)
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** What went wrong reading a file, in a few words for a message that already names the file. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.charset.CharacterCodingException) return "not UTF-8 text";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage();
    }
}
