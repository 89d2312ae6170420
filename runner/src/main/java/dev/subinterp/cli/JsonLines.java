package dev.subinterp.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.subinterp.value.JsonPath;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.Shareable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code runner map}'s input and output: one JSON value per line, in UTF-8. Reading is strict and
 * changes nothing: a line that is not exactly one JSON value in valid UTF-8 (trailing text, a
 * repeated key, a byte that is not UTF-8) or whose value cannot cross ({@link Shareable}'s nesting
 * and integer limits) becomes that line's error, and the next line is read as usual.
 */
final class JsonLines {
    /** One non-blank input line: its value, or the type and message of its error. */
    record Line(int number, JsonNode value, String errorType, String errorMessage) {
    }

    // No number-length limit of Jackson's own: longer integers are refused first, with Shareable's
    // message, before anything parses them (which takes time quadratic in their length).
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
            .build();
    private static final ObjectMapper JSON = new ObjectMapper(FACTORY).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLines() {
    }

    /** Every non-blank line of {@code in} (lines end with {@code \n}), numbered from 1. */
    static List<Line> read(InputStream in) throws IOException {
        List<Line> lines = new ArrayList<>();
        ByteLines input = new ByteLines(in);
        int number = 0;
        for (byte[] bytes = input.next(); bytes != null; bytes = input.next()) {
            number++;
            Line line = parse(number, bytes);
            if (line != null) lines.add(line);
        }
        return lines;
    }

    /** The line's value or error; null for a blank line. */
    private static Line parse(int number, byte[] bytes) {
        String text;
        try {
            text = utf8(bytes);
        } catch (InvalidUtf8 e) {
            return new Line(number, null, "InvalidJson", e.getMessage());
        }
        if (text.isBlank()) return null;
        try {
            refuseWhatCannotCross(text);
            return new Line(number, JSON.readTree(text), null, null);
        } catch (NotShareableError e) {
            return new Line(number, null, "NotShareableError", e.getMessage());
        } catch (JsonProcessingException e) {
            return new Line(number, null, "InvalidJson", e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static String utf8(byte[] bytes) throws InvalidUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();   // reports malformed input, never replaces it
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);   // never more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidUtf8(String.format("not UTF-8: byte 0x%02X at byte %d of the line is invalid here",
                    bytes[in.position()] & 0xff, in.position() + 1));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * Reads the tokens of the line's first value only, so that a value nested too deep or an integer
     * too long is refused with its JSON path before Jackson builds a tree or parses the integer.
     */
    private static void refuseWhatCannotCross(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonStreamContext context = parser.getParsingContext();
                if (token.isStructStart() && context.getNestingDepth() > Shareable.MAX_DEPTH) {
                    throw NotShareableError.tooDeep(pathOf(context.getParent()), token == JsonToken.START_ARRAY ? "array" : "object");
                }
                if (token == JsonToken.VALUE_NUMBER_INT && digits(parser.getText()) > Shareable.MAX_INTEGER_DIGITS) {
                    throw NotShareableError.integerTooLong(pathOf(context), "integer");
                }
                if (context.inRoot() && !token.isStructStart()) return;   // the first value is complete
            }
        }
    }

    private static int digits(String integer) {
        return integer.length() - (integer.startsWith("-") ? 1 : 0);
    }

    /** The path of the value the parser is at in {@code context}. */
    private static JsonPath pathOf(JsonStreamContext context) {
        Deque<JsonStreamContext> outerFirst = new ArrayDeque<>();
        for (JsonStreamContext level = context; !level.inRoot(); level = level.getParent()) {
            outerFirst.push(level);
        }
        JsonPath path = JsonPath.root();
        for (JsonStreamContext level : outerFirst) {
            path = level.inArray() ? path.index(level.getCurrentIndex()) : path.key(level.getCurrentName());
        }
        return path;
    }

    /**
     * {@code value} as one line of JSON. Jackson writes a lone surrogate (which guests' strings may
     * hold) as a raw char that no UTF-8 encoder can write: it becomes a {@code \}{@code uXXXX} escape,
     * which reads back as the same string.
     */
    static String line(JsonNode value) throws JsonProcessingException {
        String text = JSON.writeValueAsString(value);
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (escaped != null) escaped.append(c).append(text.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                if (escaped == null) escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
                escaped.append(String.format("\\u%04x", (int) c));
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static final class InvalidUtf8 extends Exception {
        InvalidUtf8(String message) {
            super(message);
        }
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
