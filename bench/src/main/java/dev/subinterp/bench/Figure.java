package dev.subinterp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One measured figure, as a line of JSON in target/bench/raw/*.jsonl, written alike by our side (Java)
 * and CPython's (scripts/bench/*.py):
 * {@code {"metric": "small_round_trip_us", "side": "subinterp"|"cpython", "system": "...",
 * "param": "1048576", "value": 12.5, "unit": "us"}}; {@code param} is absent for figures without one.
 * A line with {@code "skipped"} instead of {@code value} says why a system has no figures.
 */
record Figure(String metric, String side, String system, String param, Double value, String unit, String skipped) {
    static final String OURS = "subinterp";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Figure ours(String metric, String system, String param, double value, String unit) {
        return new Figure(metric, OURS, system, param, value, unit, null);
    }

    boolean isSkip() {
        return skipped != null;
    }

    boolean isOurs() {
        return OURS.equals(side);
    }

    /** The figure a line of JSON describes; names the missing field otherwise. */
    static Figure fromJson(JsonNode line, String where) {
        String side = text(line, "side", where);
        String system = text(line, "system", where);
        if (line.hasNonNull("skipped")) {
            return new Figure(line.path("metric").asText(null), side, system, null, null, null, line.get("skipped").asText());
        }
        JsonNode value = line.get("value");
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(where + ": \"value\" must be a number in " + line);
        }
        JsonNode param = line.get("param");
        return new Figure(text(line, "metric", where), side, system, param == null || param.isNull() ? null : param.asText(),
                value.asDouble(), text(line, "unit", where), null);
    }

    private static String text(JsonNode line, String field, String where) {
        JsonNode node = line.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(where + ": missing text field \"" + field + "\" in " + line);
        }
        return node.asText();
    }

    String toJson() {
        return toJsonNode().toString();
    }

    ObjectNode toJsonNode() {
        ObjectNode line = JSON.createObjectNode();
        if (metric != null) line.put("metric", metric);
        line.put("side", side);
        line.put("system", system);
        if (param != null) line.put("param", param);
        if (skipped != null) {
            line.put("skipped", skipped);
        } else {
            line.put("value", value);
            line.put("unit", unit);
        }
        return line;
    }
}
