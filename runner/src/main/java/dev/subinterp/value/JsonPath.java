package dev.subinterp.value;

import java.util.regex.Pattern;

/** Builds the JSON paths that name a value inside another in error messages: {@code $.items[3]}. */
public final class JsonPath {
    public static final String ROOT = "$";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPath() {
    }

    public static String index(String path, long index) {
        return path + "[" + index + "]";
    }

    public static String key(String path, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return path + "." + key;
        }
        return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
