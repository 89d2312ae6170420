package dev.subinterp.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;

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
 * {@link BigInteger}) of at most {@link #MAX_INTEGER_DIGITS} digits, {@link Float}/{@link Double}/
 * {@link BigDecimal} (as floats), {@code byte[]}, {@link List}s and arrays of shareable values,
 * {@link Map}s with {@link String} keys, {@link JsonNode}s, and {@link SharedHandle}s (queues, channel
 * ends), which travel by reference in a {@code POJONode}; lists and maps nested at most
 * {@link #MAX_DEPTH} deep. Everything else is copied: later changes to the argument never show in a guest.
 *
 * <p>The same two limits hold at every door, in both directions: guest values that pass them cross,
 * and guests' {@code is_shareable} says so.
 */
public final class Shareable {
    /**
     * The most lists and maps that may nest one inside another in a value that crosses: {@code [[1]]}
     * nests 2 deep. Each argument of a call, and each value given to {@code prepareMain}, counts on its
     * own. Deeper values are refused before they are copied, so no door recurses without bound.
     */
    public static final int MAX_DEPTH = 256;
    /**
     * The most decimal digits (sign not counted) of an integer that crosses: CPython's default
     * {@code sys.int_max_str_digits}, beyond which Python itself refuses to read or write an int as text.
     */
    public static final int MAX_INTEGER_DIGITS = 4300;

    private static final BigInteger FIRST_TOO_LONG = BigInteger.TEN.pow(MAX_INTEGER_DIGITS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Shareable() {
    }

    /**
     * Copies {@code value} into the shareable form.
     *
     * @throws NotShareableError naming the JSON path and Java type of the first value that cannot cross
     */
    public static JsonNode fromJava(Object value) {
        return convert(value, JsonPath.root(), Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * {@code big} as the smallest integer node that holds it.
     *
     * @throws NotShareableError it has more than {@link #MAX_INTEGER_DIGITS} digits
     */
    public static JsonNode integer(BigInteger big, JsonPath path, String typeName) {
        if (big.bitLength() < 64) {
            long n = big.longValue();
            return n == (int) n ? NODES.numberNode((int) n) : NODES.numberNode(n);
        }
        return NODES.numberNode(checkDigits(big, path, typeName));
    }

    private static BigInteger checkDigits(BigInteger big, JsonPath path, String typeName) {
        if (big.abs().compareTo(FIRST_TOO_LONG) >= 0) {
            throw NotShareableError.integerTooLong(path, typeName);
        }
        return big;
    }

    /** {@code enclosing}: the lists and maps {@code value} is in, to find cycles and count the depth. */
    private static JsonNode convert(Object value, JsonPath path, Set<Object> enclosing) {
        if (value == null) return NODES.nullNode();
        if (value instanceof JsonNode node) return copy(node, path, enclosing.size());
        if (value instanceof Boolean b) return NODES.booleanNode(b);
        if (value instanceof String s) return NODES.textNode(s);
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long n = ((Number) value).longValue();
            return n == (int) n ? NODES.numberNode((int) n) : NODES.numberNode(n);
        }
        if (value instanceof BigInteger big) return integer(big, path, big.getClass().getName());
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof byte[] bytes) return NODES.binaryNode(bytes.clone());
        if (value instanceof SharedHandle handle) return NODES.pojoNode(handle);
        if (value instanceof List<?> || value instanceof Object[] || value instanceof Map<?, ?>) {
            if (enclosing.contains(value)) {
                throw new NotShareableError(path.toString(), value.getClass().getName(), "cyclic reference is not shareable");
            }
            if (enclosing.size() == MAX_DEPTH) {
                throw NotShareableError.tooDeep(path, value.getClass().getName());
            }
            enclosing.add(value);
            try {
                return value instanceof Map<?, ?> map ? object(map, path, enclosing) : array(value, path, enclosing);
            } finally {
                enclosing.remove(value);
            }
        }
        throw NotShareableError.of(path.toString(), "Java object " + value.getClass().getName());
    }

    private static ArrayNode array(Object list, JsonPath path, Set<Object> enclosing) {
        List<?> items = list instanceof Object[] a ? java.util.Arrays.asList(a) : (List<?>) list;
        ArrayNode array = NODES.arrayNode(items.size());
        int i = 0;
        for (Object item : items) {
            array.add(convert(item, path.index(i++), enclosing));
        }
        return array;
    }

    private static ObjectNode object(Map<?, ?> map, JsonPath path, Set<Object> enclosing) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                String type = entry.getKey() == null ? "null" : entry.getKey().getClass().getName();
                throw new NotShareableError(path.toString(), type, "map key " + entry.getKey() + " of type " + type
                        + " is not shareable (keys must be strings)");
            }
            object.set(key, convert(entry.getValue(), path.key(key), enclosing));
        }
        return object;
    }

    /**
     * A copy of a Jackson tree inside {@code depth} lists and maps. It is shareable unless it smuggles a
     * Java object in a {@code POJONode}, nests too deep (a tree that contains itself does) or holds too
     * long an integer. Leaves are immutable, so they are shared, not copied.
     */
    private static JsonNode copy(JsonNode node, JsonPath path, int depth) {
        switch (node.getNodeType()) {
            case POJO -> {
                if (!(((POJONode) node).getPojo() instanceof SharedHandle)) {
                    throw NotShareableError.of(path.toString(), "Java object in a POJONode");
                }
            }
            case MISSING -> throw NotShareableError.of(path.toString(), "missing node");
            case NUMBER -> {
                if (node.isBigInteger()) checkDigits(node.bigIntegerValue(), path, "integer");
            }
            case ARRAY -> {
                if (depth == MAX_DEPTH) throw NotShareableError.tooDeep(path, "array");
                ArrayNode array = NODES.arrayNode(node.size());
                for (int i = 0; i < node.size(); i++) array.add(copy(node.get(i), path.index(i), depth + 1));
                return array;
            }
            case OBJECT -> {
                if (depth == MAX_DEPTH) throw NotShareableError.tooDeep(path, "object");
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    object.set(entry.getKey(), copy(entry.getValue(), path.key(entry.getKey()), depth + 1));
                }
                return object;
            }
            default -> {
            }
        }
        return node;
    }
}
