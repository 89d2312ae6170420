package dev.subinterp.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.subinterp.value.JsonPath;
import dev.subinterp.value.NotShareableError;

import java.util.Iterator;
import java.util.Map;

/**
 * Values as they cross a worker's socket: JSON and bytes cross as they are; a queue or channel handle
 * (a {@code POJONode}) is an object of one JVM and is refused, naming where it was.
 */
final class WireValues {
    private WireValues() {
    }

    /** {@code value}, checked to hold nothing but JSON and bytes. */
    static JsonNode outgoing(JsonNode value) {
        check(value, JsonPath.root());
        return value;
    }

    private static void check(JsonNode node, JsonPath path) {
        if (node instanceof POJONode pojo) {
            throw new NotShareableError(path.toString(), pojo.getPojo() == null ? "null" : pojo.getPojo().getClass().getSimpleName(),
                    "a queue or channel does not cross into or out of a process-isolated interpreter's worker process");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path.index(i));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                check(entry.getValue(), path.key(entry.getKey()));
            }
        }
    }
}
