package dev.subinterp.bench;

/**
 * What a row of the table aims for: a ratio to CPython's best figure (ours / CPython's in time, lower is
 * better), or a bound on our own figure (at most or at least a value, in the row's unit).
 */
record Goal(Kind kind, double bound) {
    enum Kind { RATIO_AT_MOST, AT_MOST, AT_LEAST, NONE }

    static Goal ratioAtMost(double ratio) {
        return new Goal(Kind.RATIO_AT_MOST, ratio);
    }

    static Goal atMost(double value) {
        return new Goal(Kind.AT_MOST, value);
    }

    static Goal atLeast(double value) {
        return new Goal(Kind.AT_LEAST, value);
    }

    static Goal none() {
        return new Goal(Kind.NONE, 0);
    }

    /** Whether the figures meet the goal; null when it cannot be told (a figure is missing). */
    Boolean met(Double ours, Double ratio) {
        return switch (kind) {
            case RATIO_AT_MOST -> ratio == null ? null : ratio <= bound;
            case AT_MOST -> ours == null ? null : ours <= bound;
            case AT_LEAST -> ours == null ? null : ours >= bound;
            case NONE -> null;
        };
    }

    String describe(String unit) {
        return switch (kind) {
            case RATIO_AT_MOST -> "<= " + Numbers.format(bound) + "x";
            case AT_MOST -> "<= " + Numbers.format(bound) + " " + unit;
            case AT_LEAST -> ">= " + Numbers.format(bound) + " " + unit;
            case NONE -> "";
        };
    }
}
