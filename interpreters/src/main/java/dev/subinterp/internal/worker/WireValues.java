package dev.subinterp.internal.worker;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.subinterp.value.JsonPath;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.SharedHandle;

import java.util.Iterator;
import java.util.Map;

/**
 * Values as they cross a worker's socket. JSON and bytes cross as they are. A queue or channel handle
 * (a {@code POJONode}) is an object of one JVM: in its place the value holds null, and the message
 * carries, beside the value's field {@code f}, a list {@code fHandles} of references ({@code at}: a
 * JSON Pointer into the value; the handle's kind and id), which the receiving side's {@link Handles}
 * turns back into handles. No JSON a guest sends can be mistaken for a reference.
 */
final class WireValues {
    private static final String HANDLES = "Handles";

    /** How one side of a worker's socket names the handles in the values it sends, and finds those it receives. */
    interface Handles {
        /**
         * The reference that crosses for {@code handle}: an object with its {@code kind}, {@code id} and
         * {@code maxsize}.
         *
         * @throws NotShareableError the handle cannot leave this JVM; {@code where} says where it was in the value
         */
        ObjectNode reference(SharedHandle handle, JsonPath where);

        /** The handle a received reference names. */
        SharedHandle resolve(JsonNode reference);
    }

    /** Refuses every handle: for values no queue or channel may be part of. */
    static final Handles NONE = new Handles() {
        @Override
        public ObjectNode reference(SharedHandle handle, JsonPath where) {
            throw new NotShareableError(where.toString(), handle.getClass().getSimpleName(),
                    "no queue or channel crosses here");
        }

        @Override
        public SharedHandle resolve(JsonNode reference) {
            throw new NotShareableError(JsonPath.root().toString(), "handle reference", "no queue or channel crosses here");
        }
    };

    private WireValues() {
    }

    /** Sets {@code message.field} to {@code value}, its handles replaced by references. */
    static void put(ObjectNode message, String field, JsonNode value, Handles handles) {
        ArrayNode references = message.arrayNode();
        message.set(field, withoutHandles(value, JsonPath.root(), "", references, handles));
        if (!references.isEmpty()) {
            message.set(field + HANDLES, references);
        }
    }

    /** The value of {@code message.field} (a missing node if none), with its handles back in place. */
    static JsonNode get(ObjectNode message, String field, Handles handles) {
        JsonNode value = message.path(field);
        JsonNode references = message.get(field + HANDLES);
        if (references == null) {
            return value;
        }
        for (JsonNode reference : references) {
            JsonNode handle = Wire.NODES.pojoNode(handles.resolve(reference));
            JsonPointer at = JsonPointer.compile(reference.path("at").asText());
            if (at.matches()) {
                value = handle;
            } else if (value.at(at.head()) instanceof ObjectNode parent) {
                parent.set(at.last().getMatchingProperty(), handle);
            } else if (value.at(at.head()) instanceof ArrayNode parent) {
                parent.set(at.last().getMatchingIndex(), handle);
            } else {
                throw new IllegalArgumentException("a handle reference points nowhere in the value: " + at);
            }
        }
        return value;
    }

    /** {@code node} itself if it holds no handle; else a copy with null for each, whose references are added. */
    private static JsonNode withoutHandles(JsonNode node, JsonPath path, String pointer, ArrayNode references, Handles handles) {
        if (node instanceof POJONode pojo) {
            if (!(pojo.getPojo() instanceof SharedHandle handle)) {
                throw NotShareableError.of(path.toString(), "Java object in a POJONode");
            }
            references.add(handles.reference(handle, path).put("at", pointer));
            return Wire.NODES.nullNode();
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                JsonNode sent = withoutHandles(item, path.index(i), pointer + "/" + i, references, handles);
                if (sent != item && copy == null) {
                    copy = ((ArrayNode) node).deepCopy();
                }
                if (copy != null) {
                    copy.set(i, sent);
                }
            }
            return copy != null ? copy : node;
        }
        if (node.isObject()) {
            ObjectNode copy = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String escaped = entry.getKey().replace("~", "~0").replace("/", "~1");
                JsonNode sent = withoutHandles(entry.getValue(), path.key(entry.getKey()), pointer + "/" + escaped, references, handles);
                if (sent != entry.getValue() && copy == null) {
                    copy = ((ObjectNode) node).deepCopy();
                }
                if (copy != null) {
                    copy.set(entry.getKey(), sent);
                }
            }
            return copy != null ? copy : node;
        }
        return node;
    }
}
