package dev.subinterp.pool;

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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.ExcInfo;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.value.JsonPath;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.Shareable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The line contract of a map over JSON Lines ({@code runner map}, and the Spark map of the
 * {@code spark} module, which must print the same bytes): one JSON value per input line, one result
 * or {@code {"error": {"type", "message", "line"}}} object per output line.
 *
 * <p>Reading is strict and changes nothing: a line that is not exactly one JSON value in valid UTF-8
 * (trailing text, a repeated key, a byte that is not UTF-8) or whose value cannot cross
 * ({@link Shareable}'s nesting and integer limits) becomes that line's error.
 */
public final class MapLines {
    /** One non-blank input line: its value, or the type and message of its error. Numbered from 1. */
    public record Line(long number, JsonNode value, String errorType, String errorMessage) {
        /** This line's error object (for a line without a value). */
        public Outcome failure() {
            return new Outcome(error(number, errorType, errorMessage), Status.FAILED);
        }
    }

    /** What became of a line. */
    public enum Status { DONE, FAILED, TIMED_OUT }

    /** The output line for one input line, and what became of it. */
    public record Outcome(String line, Status status) {
    }

    // No number-length limit of Jackson's own: longer integers are refused first, with Shareable's
    // message, before anything parses them (which takes time quadratic in their length).
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
            .build();
    private static final ObjectMapper JSON = new ObjectMapper(FACTORY).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private MapLines() {
    }

    /** Line {@code number} from its bytes (without the {@code \n}); null for a blank line. */
    public static Line parse(long number, byte[] utf8) {
        String text;
        try {
            text = decode(utf8);
        } catch (InvalidUtf8 e) {
            return new Line(number, null, "InvalidJson", e.getMessage());
        }
        return parse(number, text);
    }

    /** Line {@code number} from its text; null for a blank line. */
    public static Line parse(long number, String text) {
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

    /**
     * The output line for input line {@code number}, once {@code result} (its call in a pool) is done:
     * the result as JSON, or the error object (the guest's own exception type and message when it raised).
     */
    public static Outcome outcome(Future<JsonNode> result, long number) throws InterruptedException {
        return outcome(result, Long.valueOf(number));
    }

    /** As {@link #outcome(Future, long)} for a value that has no line (a SQL row): the error object has no {@code line}. */
    public static Outcome outcome(Future<JsonNode> result) throws InterruptedException {
        return outcome(result, null);
    }

    private static Outcome outcome(Future<JsonNode> result, Long number) throws InterruptedException {
        try {
            return new Outcome(write(result.get()), Status.DONE);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            ErrorKind kind = ErrorKind.of(cause);
            Status status = kind == ErrorKind.TIME_LIMIT ? Status.TIMED_OUT : Status.FAILED;
            if (kind == ErrorKind.GUEST_RAISED) {
                ExcInfo raised = ((ExecutionFailed) cause).excInfo();
                return new Outcome(error(number, raised.type(), raised.message()), status);
            }
            return new Outcome(error(number, cause.getClass().getSimpleName(), cause.getMessage()), status);
        } catch (JsonProcessingException e) {
            return new Outcome(error(number, "NotShareableError", e.getOriginalMessage()), Status.FAILED);
        }
    }

    /** The error object for line {@code number}, as one line. */
    public static String error(long number, String type, String message) {
        return error(Long.valueOf(number), type, message);
    }

    /** The error object of a value that has no line (a SQL row), as one line. */
    public static String error(String type, String message) {
        return error(null, type, message);
    }

    private static String error(Long number, String type, String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        ObjectNode detail = error.putObject("error");
        detail.put("type", type);
        detail.put("message", message);
        if (number != null) detail.put("line", number);
        try {
            return write(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error object is plain JSON", e);
        }
    }

    /**
     * {@code value} as one line of JSON. Jackson writes a lone surrogate (which guests' strings may
     * hold) as a raw char that no UTF-8 encoder can write: it becomes a {@code \}{@code uXXXX} escape,
     * which reads back as the same string.
     */
    public static String write(JsonNode value) throws JsonProcessingException {
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

    private static String decode(byte[] bytes) throws InvalidUtf8 {
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

    private static final class InvalidUtf8 extends Exception {
        InvalidUtf8(String message) {
            super(message);
        }
    }
}
