package dev.subinterp.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host side of the only door between interpreters: turns Java values into the shareable form,
 * a Jackson {@link JsonNode} tree whose {@code BinaryNode}s carry bytes.
 *
 * <p>Accepted: {@code null}, {@link Boolean}, {@link String}, integral numbers (including
 * {@link BigInteger}), {@link Float}/{@link Double}/{@link BigDecimal} (as floats), {@code byte[]},
 * {@link List}s and arrays of shareable values, {@link Map}s with {@link String} keys,
 * {@link JsonNode}s, and {@link SharedHandle}s (queues, channel ends), which travel by reference in a
 * {@code POJONode}. Everything else is copied: later changes to the argument never show in a guest.
 */
public final class Shareable {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Shareable() {
    }

    /**
     * Copies {@code value} into the shareable form.
     *
     * @throws NotShareableError naming the JSON path and Java type of the first value that cannot cross
     */
    public static JsonNode fromJava(Object value) {
        return convert(value, JsonPath.ROOT, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static JsonNode convert(Object value, String path, Set<Object> ancestors) {
        if (value == null) return NODES.nullNode();
        if (value instanceof JsonNode node) return checked(node, path);
        if (value instanceof Boolean b) return NODES.booleanNode(b);
        if (value instanceof String s) return NODES.textNode(s);
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long n = ((Number) value).longValue();
            return n == (int) n ? NODES.numberNode((int) n) : NODES.numberNode(n);
        }
        if (value instanceof BigInteger big) return integer(big);
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof byte[] bytes) return NODES.binaryNode(bytes.clone());
        if (value instanceof SharedHandle handle) return NODES.pojoNode(handle);
        if (value instanceof List<?> || value instanceof Object[] || value instanceof Map<?, ?>) {
            if (!ancestors.add(value)) {
                throw new NotShareableError(path, value.getClass().getName(), "cyclic reference is not shareable");
            }
            try {
                return value instanceof Map<?, ?> map ? object(map, path, ancestors) : array(value, path, ancestors);
            } finally {
                ancestors.remove(value);
            }
        }
        throw NotShareableError.of(path, "Java object " + value.getClass().getName());
    }

    private static JsonNode integer(BigInteger big) {
        return big.bitLength() < 64 ? convert(big.longValue(), JsonPath.ROOT, Set.of()) : NODES.numberNode(big);
    }

    private static ArrayNode array(Object list, String path, Set<Object> ancestors) {
        List<?> items = list instanceof Object[] a ? java.util.Arrays.asList(a) : (List<?>) list;
        ArrayNode array = NODES.arrayNode(items.size());
        int i = 0;
        for (Object item : items) {
            array.add(convert(item, JsonPath.index(path, i++), ancestors));
        }
        return array;
    }

    private static ObjectNode object(Map<?, ?> map, String path, Set<Object> ancestors) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                String type = entry.getKey() == null ? "null" : entry.getKey().getClass().getName();
                throw new NotShareableError(path, type, "map key " + entry.getKey() + " of type " + type + " is not shareable (keys must be strings)");
            }
            object.set(key, convert(entry.getValue(), JsonPath.key(path, key), ancestors));
        }
        return object;
    }

    /** A Jackson tree is shareable unless it smuggles a Java object in a {@code POJONode}. */
    private static JsonNode checked(JsonNode node, String path) {
        switch (node.getNodeType()) {
            case POJO -> {
                if (!(((com.fasterxml.jackson.databind.node.POJONode) node).getPojo() instanceof SharedHandle)) {
                    throw NotShareableError.of(path, "Java object in a POJONode");
                }
            }
            case MISSING -> throw NotShareableError.of(path, "missing node");
            case ARRAY -> {
                for (int i = 0; i < node.size(); i++) checked(node.get(i), JsonPath.index(path, i));
            }
            case OBJECT -> node.properties().forEach(e -> checked(e.getValue(), JsonPath.key(path, e.getKey())));
            default -> {
            }
        }
        return path.equals(JsonPath.ROOT) ? node.deepCopy() : node;
    }
}
