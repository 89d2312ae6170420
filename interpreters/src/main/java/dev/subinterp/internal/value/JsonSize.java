package dev.subinterp.internal.value;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** About how many bytes a shareable value takes in its JSON form, with bytes counted raw (not base64). */
public final class JsonSize {
    private JsonSize() {
    }

    /** The estimated size of {@code value}; cheap next to the copy made when it crossed. */
    public static long of(JsonNode value) {
        if (value.isBinary()) {
            return ((com.fasterxml.jackson.databind.node.BinaryNode) value).binaryValue().length;
        }
        if (value.isTextual()) {
            return value.textValue().length() + 2L;
        }
        if (value.isArray()) {
            long size = 2;
            for (JsonNode item : value) {
                size += of(item) + 1;
            }
            return size;
        }
        if (value.isObject()) {
            long size = 2;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                size += field.getKey().length() + 4 + of(field.getValue());
            }
            return size;
        }
        if (value.isNumber()) {
            return value.isBigInteger() ? value.bigIntegerValue().bitLength() / 3 + 1 : 8;
        }
        return 5;   // true, false, null, a handle
    }
}
