package dev.subinterp.bench;

import java.util.Locale;

/** Figures as a reader wants them: three significant digits at most, thousands separated. */
final class Numbers {
    private Numbers() {
    }

    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) return String.format(Locale.ROOT, "%,d", Math.round(value));
        if (magnitude >= 10) return strip(String.format(Locale.ROOT, "%.1f", value));
        if (magnitude >= 1) return strip(String.format(Locale.ROOT, "%.2f", value));
        return strip(String.format(Locale.ROOT, "%.3g", value));
    }

    /** A message size in bytes as 16 B, 64 KiB, 16 MiB; other params unchanged. */
    static String size(String bytes) {
        try {
            long n = Long.parseLong(bytes);
            if (n >= 1 << 20 && n % (1 << 20) == 0) return (n >> 20) + " MiB";
            if (n >= 1 << 10 && n % (1 << 10) == 0) return (n >> 10) + " KiB";
            return n + " B";
        } catch (NumberFormatException notANumber) {
            return bytes;
        }
    }

    private static String strip(String decimal) {
        return decimal.contains(".") ? decimal.replaceAll("0+$", "").replaceAll("\\.$", "") : decimal;
    }
}
