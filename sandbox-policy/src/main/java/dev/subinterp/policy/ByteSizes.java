package dev.subinterp.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes written as a byte count or with a binary unit: {@code 4096}, {@code 512KiB}, {@code 1MiB}, {@code 2GiB}. */
public final class ByteSizes {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

    private ByteSizes() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static long parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write it like 4096, 512KiB, 1MiB or 2GiB");
        }
        long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> 1;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }
}
