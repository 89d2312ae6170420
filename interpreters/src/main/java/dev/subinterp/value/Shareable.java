package dev.subinterp.value;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.ser.impl.UnknownSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host side of the only door between interpreters: turns Java values into the shareable form,
 * a Jackson {@link JsonNode} tree whose {@code BinaryNode}s carry bytes.
 *
 * <p>Accepted: {@code null}, {@link Boolean}, {@link String}, {@link Character}, integral numbers (including
 * {@link BigInteger}) of at most {@link #MAX_INTEGER_DIGITS} digits, {@link Float}/{@link Double}/
 * {@link BigDecimal} (as floats), {@code byte[]}, collections and arrays (of objects or primitives) of
 * shareable values (as lists), {@link Map}s with {@link String} keys, {@link Optional} (its value, or
 * null), {@link JsonNode}s, {@link SharedHandle}s (queues, channel ends), which travel by reference in a
 * {@code POJONode}, and the application's own data classes: records, beans and enums, converted by
 * Jackson (an {@link ObjectMapper}, the embedder's own if given, with Java 8 and {@code java.time}
 * support), so its annotations apply. Lists and maps nest at most {@link #MAX_DEPTH} deep. Other
 * objects of the JDK or GraalVM (threads, streams, polyglot values) are refused: they are not data.
 * Everything is copied: later changes to the argument never show in a guest.
 *
 * <p>{@link #toJava} reads a value that crossed back as a Java type, through the same mapper.
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
    /** Packages whose classes are platform objects, not data, unless Jackson has a value serializer for them. */
    private static final List<String> PLATFORM_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.graalvm.", "com.oracle.truffle.");
    private static final ObjectMapper DEFAULT_MAPPER = newMapper();

    private Shareable() {
    }

    /**
     * A new mapper as used when the embedder gives none: Jackson's defaults with {@code Optional} and
     * {@code java.time} support, and dates as ISO-8601 text (what a guest's {@code datetime.fromisoformat}
     * or {@code new Date(text)} reads).
     */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder().addModule(new Jdk8Module()).addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }

    /**
     * Copies {@code value} into the shareable form, converting data classes with the default mapper.
     *
     * @throws NotShareableError naming the JSON path and Java type of the first value that cannot cross
     */
    public static JsonNode fromJava(Object value) {
        return fromJava(value, DEFAULT_MAPPER);
    }

    /**
     * Copies {@code value} into the shareable form, converting data classes (records, beans) with {@code mapper}.
     *
     * @throws NotShareableError naming the JSON path and Java type of the first value that cannot cross
     */
    public static JsonNode fromJava(Object value, ObjectMapper mapper) {
        return new Converter(mapper).convert(value, JsonPath.root(), Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * The arguments a varargs call was given ({@code call(String, Object...)}), each copied with
     * {@code mapper} (null: the default one). Java passes a lone {@code String[]} (any array of a
     * narrower type than {@code Object[]}) as the varargs array itself; it is meant as one argument, so
     * it is one, a list. A {@code null} array is no arguments. A refusal's path is within its argument.
     */
    public static List<JsonNode> arguments(Object[] args, ObjectMapper mapper) {
        ObjectMapper using = mapper != null ? mapper : DEFAULT_MAPPER;
        if (args == null) {
            return List.of();
        }
        if (args.getClass() != Object[].class) {
            return List.of(fromJava(args, using));
        }
        List<JsonNode> copies = new java.util.ArrayList<>(args.length);
        for (Object arg : args) {
            copies.add(fromJava(arg, using));
        }
        return copies;
    }

    /**
     * Reads {@code node}, a value that crossed, as {@code type} (a record, bean, collection, array,
     * {@code Optional}, ...) through {@code mapper}. A {@link JsonNode} type gets the node itself.
     *
     * @throws NotShareableError naming the JSON path of what does not fit the type, and why
     */
    public static <T> T toJava(JsonNode node, JavaType type, ObjectMapper mapper) {
        if (type.isTypeOrSuperTypeOf(node.getClass()) && JsonNode.class.isAssignableFrom(type.getRawClass())) {
            @SuppressWarnings("unchecked") T same = (T) node;
            return same;
        }
        try {
            return mapper.readerFor(type).readValue(node);
        } catch (JsonMappingException e) {
            throw mappingError(e, JsonPath.root(), type.toCanonical(), "cannot be read as " + type.toCanonical());
        } catch (java.io.IOException e) {
            throw new NotShareableError("$", type.toCanonical(), "cannot be read as " + type.toCanonical() + ": " + e.getMessage());
        }
    }

    /** The error for what Jackson could not map, at {@code path} plus the path Jackson was at. */
    private static NotShareableError mappingError(JsonMappingException e, JsonPath path, String typeName, String what) {
        JsonPath at = path;
        for (JsonMappingException.Reference step : e.getPath()) {
            at = step.getFieldName() != null ? at.key(step.getFieldName()) : step.getIndex() >= 0 ? at.index(step.getIndex()) : at;
        }
        String reason = e.getOriginalMessage().lines().findFirst().orElse("").strip();
        return new NotShareableError(at.toString(), typeName, what + " (" + reason + ")");
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

    /** One conversion's settings: the mapper for data classes. */
    private record Converter(ObjectMapper mapper) {

        /** {@code enclosing}: the lists and maps {@code value} is in, to find cycles and count the depth. */
        JsonNode convert(Object value, JsonPath path, Set<Object> enclosing) {
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
            if (value instanceof Character c) return NODES.textNode(c.toString());
            if (value instanceof byte[] bytes) return NODES.binaryNode(bytes.clone());
            if (value instanceof SharedHandle handle) return NODES.pojoNode(handle);
            if (value instanceof Optional<?> optional) return convert(optional.orElse(null), path, enclosing);
            if (value instanceof Collection<?> || value.getClass().isArray() || value instanceof Map<?, ?>) {
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
            return data(value, path, enclosing.size());
        }

        /** An object of the application (a record, bean or enum) as Jackson writes it; platform objects are refused. */
        private JsonNode data(Object value, JsonPath path, int depth) {
            Class<?> type = value.getClass();
            if (PLATFORM_PACKAGES.stream().anyMatch(type.getName()::startsWith) && !hasValueSerializer(type)) {
                throw NotShareableError.of(path.toString(), "Java object " + type.getName());
            }
            JsonNode tree;
            try {
                tree = mapper.valueToTree(value);
            } catch (IllegalArgumentException e) {
                if (e.getCause() instanceof JsonMappingException mapping) {
                    throw mappingError(mapping, path, type.getName(), "Java object " + type.getName() + " is not shareable");
                }
                throw new NotShareableError(path.toString(), type.getName(), "Java object " + type.getName() + " is not shareable (" + e.getMessage() + ")");
            }
            return copy(tree, path, depth);
        }

        /** Whether Jackson writes {@code type} as a value (a date, a path, a URI), not as a bean of its getters. */
        private boolean hasValueSerializer(Class<?> type) {
            try {
                JsonSerializer<Object> serializer = mapper.getSerializerProviderInstance().findValueSerializer(type);
                return !(serializer instanceof BeanSerializerBase) && !(serializer instanceof UnknownSerializer);
            } catch (JsonMappingException e) {
                return false;
            }
        }

        private ArrayNode array(Object list, JsonPath path, Set<Object> enclosing) {
            int length = list instanceof Collection<?> items ? items.size() : Array.getLength(list);
            ArrayNode array = NODES.arrayNode(length);
            if (list instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    array.add(convert(item, path.index(i++), enclosing));
                }
            } else {
                for (int i = 0; i < length; i++) {
                    array.add(convert(Array.get(list, i), path.index(i), enclosing));
                }
            }
            return array;
        }

        private ObjectNode object(Map<?, ?> map, JsonPath path, Set<Object> enclosing) {
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
