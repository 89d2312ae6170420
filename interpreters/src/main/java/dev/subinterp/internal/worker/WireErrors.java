package dev.subinterp.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.ExcInfo;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.InterpreterClosedError;
import dev.subinterp.interpreter.InterpreterError;
import dev.subinterp.interpreter.InterpreterExited;
import dev.subinterp.interpreter.NameNotDefined;
import dev.subinterp.interpreter.LimitExceeded;
import dev.subinterp.interpreter.OutputLimitExceeded;
import dev.subinterp.interpreter.TimeLimitExceeded;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.value.NotShareableError;

import java.time.Duration;
import java.util.NoSuchElementException;

/**
 * The errors a worker's interpreter throws, as they cross to the supervisor: by kind and the fields
 * each needs, so that the host throws the same class with the same message an in-process interpreter
 * would. Exceptions of others cross as their kind's nearest class of the host.
 */
final class WireErrors {
    private WireErrors() {
    }

    static ObjectNode encode(Throwable error) {
        ObjectNode node = Wire.NODES.objectNode();
        node.put("kind", ErrorKind.of(error).name());
        node.put("message", String.valueOf(error.getMessage()));
        switch (error) {
            case ExecutionFailed failed -> {
                ExcInfo info = failed.excInfo();
                node.putObject("excInfo").put("type", info.type()).put("message", info.message())
                        .put("formatted", info.formatted()).put("traceback", info.traceback())
                        .put("sourceName", info.sourceName()).put("line", info.line()).put("column", info.column())
                        .put("typeQualname", info.typeQualname()).put("typeModule", info.typeModule());
            }
            case TimeLimitExceeded time -> node.put("limitMillis", time.limit().toMillis());
            case InterpreterExited exited -> node.put("status", exited.status());
            case NotShareableError notShareable -> node.put("path", notShareable.path()).put("typeName", notShareable.typeName());
            case PolicyException policy -> node.put("source", policy.source()).put("path", policy.jsonPath())
                    .put("problem", policy.getMessage().substring(policy.source().length() + policy.jsonPath().length() + 4));
            case OutputLimitExceeded output -> node.put("limitBytes", output.limit());
            case NameNotDefined undefined -> node.put("class", "NameNotDefined").put("what", undefined.what()).put("name", undefined.name());
            default -> node.put("class", error.getClass().getSimpleName());
        }
        return node;
    }

    /** The exception {@code node} describes; {@code interpreterId} is the interpreter it came from. */
    static RuntimeException decode(JsonNode node, int interpreterId) {
        String message = node.path("message").asText();
        ErrorKind kind = ErrorKind.valueOf(node.path("kind").asText(ErrorKind.INTERNAL.name()));
        return switch (kind) {
            case GUEST_RAISED -> new ExecutionFailed(excInfo(node.path("excInfo")));
            case TIME_LIMIT -> new TimeLimitExceeded(interpreterId, Duration.ofMillis(node.path("limitMillis").asLong()));
            case OUTPUT_LIMIT -> node.has("limitBytes") ? new OutputLimitExceeded(interpreterId, node.path("limitBytes").asLong())
                    : new LimitExceeded(message, kind);
            case MEMORY, RESOURCE_LIMIT -> new LimitExceeded(message, kind);
            case EXITED -> new InterpreterExited(interpreterId, node.path("status").asInt());
            case CLOSED -> new InterpreterClosedError(message);
            case NOT_SHAREABLE -> new NotShareableError(node.path("path").asText(), node.path("typeName").asText(),
                    message.substring(Math.min(message.length(), node.path("path").asText().length() + 2)));
            case CONFIGURATION -> node.has("source")
                    ? new PolicyException(node.path("source").asText(), node.path("path").asText(), node.path("problem").asText())
                    : new InterpreterError(message);
            case USAGE -> switch (node.path("class").asText()) {
                case "NameNotDefined" -> new NameNotDefined(interpreterId, node.path("what").asText(), node.path("name").asText());
                case "NoSuchElementException" -> new NoSuchElementException(message);
                default -> new IllegalArgumentException(message);
            };
            default -> new InterpreterError(message);
        };
    }

    private static ExcInfo excInfo(JsonNode info) {
        return new ExcInfo(info.path("type").asText(), info.path("message").asText(), info.path("formatted").asText(),
                info.path("traceback").asText(), info.path("sourceName").textValue(), info.path("line").asInt(),
                info.path("column").asInt(), info.path("typeQualname").asText(), info.path("typeModule").textValue());
    }
}
