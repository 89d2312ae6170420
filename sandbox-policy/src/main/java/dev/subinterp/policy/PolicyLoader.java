package dev.subinterp.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads policies from JSON files or from the presets shipped with this module, refusing anything it
 * does not understand with a {@link PolicyException} that names the file, the JSON path and what is
 * allowed.
 *
 * <p>Format (every key optional; a missing key takes the value of the {@code default} preset):
 * <pre>{@code
 * { "languages": ["python", "js"], "fileAccess": "none", "threads": true, "timeLimitPerCall": "10s",
 *   "statementsPerCall": 1000000 }
 * }</pre>
 */
public final class PolicyLoader {
    /** The presets usable by name. */
    public static final List<String> PRESETS = List.of("trusted", "default", "strict");

    private static final Set<String> KNOWN_LANGUAGES = Set.of("python", "js");
    private static final List<String> KEYS = List.of("languages", "fileAccess", "threads", "timeLimitPerCall", "statementsPerCall");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyLoader() {
    }

    /** The policy used when none is named. */
    public static SandboxPolicy defaultPolicy() {
        return preset("default");
    }

    /** Loads a preset by name ({@link #PRESETS}). */
    public static SandboxPolicy preset(String name) {
        if (!PRESETS.contains(name)) {
            throw new PolicyException(name, "$", "no such preset; the presets are " + String.join(", ", PRESETS));
        }
        try (InputStream in = PolicyLoader.class.getResourceAsStream("presets/" + name + ".json")) {
            return parse(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException("preset " + name + " is missing from the sandbox-policy jar", e);
        }
    }

    /** Loads {@code NAME} as a preset, or else as a policy file path. */
    public static SandboxPolicy presetOrFile(String nameOrPath) {
        if (PRESETS.contains(nameOrPath)) {
            return preset(nameOrPath);
        }
        Path path = Path.of(nameOrPath);
        if (!Files.exists(path)) {
            throw new PolicyException(nameOrPath, "$",
                    "neither a preset (" + String.join(", ", PRESETS) + ") nor an existing policy file");
        }
        return load(path);
    }

    /** Loads and validates a policy file. */
    public static SandboxPolicy load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file), defaultPolicy());
        } catch (IOException e) {
            throw new PolicyException(file.toString(), "$", "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Parses a policy document.
     *
     * @param source   what to call the document in errors (a file name or preset name)
     * @param base     the policy that supplies values for missing keys, or null if every key is required
     */
    public static SandboxPolicy parse(String source, String json, SandboxPolicy base) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PolicyException(source, "$", "not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException(source, "$", "must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw new PolicyException(source, "$." + key, "unknown key; the keys are " + String.join(", ", KEYS));
            }
        }
        Set<String> languages = root.has("languages") ? languages(source, root.get("languages")) : required(source, base, "languages").languages();
        FileAccess files = root.has("fileAccess") ? fileAccess(source, root.get("fileAccess")) : required(source, base, "fileAccess").fileAccess();
        boolean threads = root.has("threads") ? bool(source, "$.threads", root.get("threads")) : required(source, base, "threads").threads();
        Optional<Duration> time = root.has("timeLimitPerCall") ? duration(source, "$.timeLimitPerCall", root.get("timeLimitPerCall")) : required(source, base, "timeLimitPerCall").timeLimitPerCall();
        Optional<Long> statements = root.has("statementsPerCall") ? positiveCount(source, "$.statementsPerCall", root.get("statementsPerCall")) : required(source, base, "statementsPerCall").statementsPerCall();
        return new SandboxPolicy(source, languages, files, threads, time, statements);
    }

    private static SandboxPolicy required(String source, SandboxPolicy base, String key) {
        if (base == null) {
            throw new PolicyException(source, "$." + key, "is required");
        }
        return base;
    }

    private static Set<String> languages(String source, JsonNode node) {
        if (!node.isArray()) {
            throw new PolicyException(source, "$.languages", "must be an array of language ids (" + String.join(", ", KNOWN_LANGUAGES) + ")");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (!id.isTextual() || !KNOWN_LANGUAGES.contains(id.asText())) {
                throw new PolicyException(source, "$.languages[" + i + "]", id + " is not a language id; use python or js");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static FileAccess fileAccess(String source, JsonNode node) {
        String allowed = Arrays.stream(FileAccess.values()).map(FileAccess::jsonName).collect(Collectors.joining(", "));
        for (FileAccess access : FileAccess.values()) {
            if (node.isTextual() && access.jsonName().equals(node.asText())) {
                return access;
            }
        }
        throw new PolicyException(source, "$.fileAccess", node + " is not one of " + allowed);
    }

    private static boolean bool(String source, String path, JsonNode node) {
        if (!node.isBoolean()) {
            throw new PolicyException(source, path, node + " is not true or false");
        }
        return node.booleanValue();
    }

    private static Optional<Long> positiveCount(String source, String path, JsonNode node) {
        if (node.isNull()) {
            return Optional.empty();
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 1) {
            throw new PolicyException(source, path, node + " is not a positive whole number (or null for no limit)");
        }
        return Optional.of(node.longValue());
    }

    private static Optional<Duration> duration(String source, String path, JsonNode node) {
        if (node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new PolicyException(source, path, node + " is not a duration string like \"500ms\", \"10s\" or \"1m\" (or null for none)");
        }
        try {
            return Optional.of(Durations.parse(node.asText()));
        } catch (IllegalArgumentException e) {
            throw new PolicyException(source, path, e.getMessage());
        }
    }
}
