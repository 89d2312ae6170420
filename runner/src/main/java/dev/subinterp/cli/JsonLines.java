package dev.subinterp.cli;

import dev.subinterp.pool.MapLines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code runner map}'s input: the lines of a stream, read as {@link MapLines} reads each (one JSON
 * value per line, in UTF-8, strictly).
 */
final class JsonLines {
    private JsonLines() {
    }

    /** Every non-blank line of {@code in} (lines end with {@code \n}), numbered from 1. */
    static List<MapLines.Line> read(InputStream in) throws IOException {
        List<MapLines.Line> lines = new ArrayList<>();
        ByteLines input = new ByteLines(in);
        long number = 0;
        for (byte[] bytes = input.next(); bytes != null; bytes = input.next()) {
            number++;
            MapLines.Line line = MapLines.parse(number, bytes);
            if (line != null) lines.add(line);
        }
        return lines;
    }

    /** The lines of a stream as bytes, read a buffer at a time, not decoded (a line may not be UTF-8). */
    private static final class ByteLines {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int start;
        private int end;

        ByteLines(InputStream in) {
            this.in = in;
        }

        /** The next line without its {@code \n}, or null at the end of the input. */
        byte[] next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                for (int i = start; i < end; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start);
                        start = i + 1;
                        return line.toByteArray();
                    }
                }
                line.write(buffer, start, end - start);
                start = 0;
                end = in.read(buffer);
                if (end < 0) {
                    end = 0;
                    return line.size() > 0 ? line.toByteArray() : null;
                }
            }
        }
    }
}
