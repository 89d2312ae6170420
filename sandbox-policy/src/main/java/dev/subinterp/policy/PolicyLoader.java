package dev.subinterp.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads policies from JSON files or from the presets shipped with this module, refusing anything it
 * does not understand with a {@link PolicyException} that names the file, the JSON path and what is
 * allowed. The format is documented by {@code policy.schema.json} in this package.
 *
 * <p>Every key is optional: a missing key takes its value from the preset named by {@code "extends"}
 * (default: {@code default}); nested objects ({@code files}, {@code output}, {@code limits}) are
 * completed key by key. For example, strict with one more second:
 * <pre>{@code
 * { "extends": "strict", "limits": { "timePerCall": "11s" } }
 * }</pre>
 */
public final class PolicyLoader {
    /** The presets usable by name. */
    public static final List<String> PRESETS = List.of("trusted", "default", "strict");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SandboxPolicy> LOADED_PRESETS = new ConcurrentHashMap<>();

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
        return LOADED_PRESETS.computeIfAbsent(name, PolicyLoader::readPreset);
    }

    private static SandboxPolicy readPreset(String name) {
        try (InputStream in = PolicyLoader.class.getResourceAsStream("presets/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("preset " + name + " is missing from the sandbox-policy jar");
            }
            JsonNode root = tree(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new PolicyReader(name, null).read(root, null);
        } catch (IOException e) {
            throw new UncheckedIOException("preset " + name + " cannot be read from the sandbox-policy jar", e);
        }
    }

    /** Loads {@code NAME} as a preset, or else as a policy file path. */
    public static SandboxPolicy presetOrFile(String nameOrPath) {
        return presetOrFile(nameOrPath, Path.of(""));
    }

    /**
     * Loads {@code NAME} as a preset, or else as a policy file path relative to {@code directory} (a
     * service loading the policy a caller in another directory named); errors name the file as given.
     */
    public static SandboxPolicy presetOrFile(String nameOrPath, Path directory) {
        if (PRESETS.contains(nameOrPath)) {
            return preset(nameOrPath);
        }
        Path path = directory.resolve(nameOrPath);
        if (!Files.exists(path)) {
            throw new PolicyException(nameOrPath, "$",
                    "neither a preset (" + String.join(", ", PRESETS) + ") nor an existing policy file");
        }
        return load(path, nameOrPath);
    }

    /** Loads and validates a policy file; relative file roots are resolved against the file's directory. */
    public static SandboxPolicy load(Path file) {
        return load(file, file.toString());
    }

    private static SandboxPolicy load(Path file, String shownAs) {
        String json;
        try {
            json = TextFiles.read(file);
        } catch (IOException e) {
            throw new PolicyException(shownAs, "$", "cannot be read: " + TextFiles.reason(e));
        }
        Path directory = file.toAbsolutePath().getParent();
        return parse(shownAs, json, directory);
    }

    /**
     * Parses a policy document whose missing keys come from its {@code "extends"} preset (default:
     * {@code default}); relative file roots are refused.
     */
    public static SandboxPolicy parse(String source, String json) {
        Path noDirectory = null;
        return parse(source, json, noDirectory);
    }

    /**
     * Parses a policy document whose missing keys come from its {@code "extends"} preset (default:
     * {@code default}).
     *
     * @param source     what to call the document in errors (a file name)
     * @param relativeTo the directory relative file roots are resolved against; null refuses relative roots
     */
    public static SandboxPolicy parse(String source, String json, Path relativeTo) {
        JsonNode root = tree(source, json);
        SandboxPolicy base = defaultPolicy();
        JsonNode parent = root.get("extends");
        if (parent != null) {
            if (!parent.isTextual() || !PRESETS.contains(parent.asText())) {
                throw new PolicyException(source, "$.extends", parent + " is not a preset; use one of " + String.join(", ", PRESETS));
            }
            base = preset(parent.asText());
        }
        return new PolicyReader(source, relativeTo).read(root, base);
    }

    /** Parses a policy document whose missing keys come from {@code base}. */
    public static SandboxPolicy parse(String source, String json, SandboxPolicy base) {
        return new PolicyReader(source, null).read(tree(source, json), base);
    }

    private static JsonNode tree(String source, String json) {
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
        return root;
    }
}
