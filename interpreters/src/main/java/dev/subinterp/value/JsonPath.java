package dev.subinterp.value;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The JSON path that names a value inside another in error messages: {@code $.items[3]}. A copy
 * extends it by one step per level it descends, and it is spelled out only when an error names it,
 * so that copying a value costs the same at any depth.
 */
public final class JsonPath {
    /** The path of the value itself, spelled out. */
    public static final String ROOT = "$";
    private static final JsonPath ROOT_PATH = new JsonPath(null, null);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final JsonPath parent;
    private final Object step;   // a Long index, a String key, or null at the root

    private JsonPath(JsonPath parent, Object step) {
        this.parent = parent;
        this.step = step;
    }

    /** The path of the value itself: {@code $}. */
    public static JsonPath root() {
        return ROOT_PATH;
    }

    /** The path of item {@code index} of the list at this path. */
    public JsonPath index(long index) {
        return new JsonPath(this, index);
    }

    /** The path of entry {@code key} of the map at this path. */
    public JsonPath key(String key) {
        return new JsonPath(this, key);
    }

    /** {@code $.items[3]}, {@code $["a key"]}. */
    @Override
    public String toString() {
        Deque<Object> steps = new ArrayDeque<>();
        for (JsonPath path = this; path.parent != null; path = path.parent) {
            steps.push(path.step);
        }
        StringBuilder text = new StringBuilder(ROOT);
        for (Object step : steps) {
            if (step instanceof String key) {
                appendKey(text, key);
            } else {
                text.append('[').append(step).append(']');
            }
        }
        return text.toString();
    }

    private static void appendKey(StringBuilder text, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            text.append('.').append(key);
        } else {
            text.append("[\"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
        }
    }
}
