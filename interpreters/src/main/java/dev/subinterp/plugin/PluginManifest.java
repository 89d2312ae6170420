package dev.subinterp.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import dev.subinterp.policy.TextFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A plugin's {@code plugin.json}, validated:
 * <pre>{@code
 * { "name": "wordstats", "version": "1.2.0", "language": "python", "entry": "main.py",
 *   "exports": ["count_words"], "policy": "strict", "poolSize": 2,
 *   "config": {"min_length": 3}, "hostFunctions": ["exchange_rate"], "packages": ["tabulate==0.10.0"] }
 * }</pre>
 * {@code name}, {@code language}, {@code entry} and {@code exports} are required. {@code policy} is a
 * preset name or an inline policy object (its {@code ${scriptDir}} is the plugin's directory; default
 * {@code default}); {@code poolSize} 1 to 64 (default 1); {@code config} any JSON, bound as
 * {@code config} in the plugin's {@code __main__} before its entry runs; {@code hostFunctions} the
 * host functions the plugin may call (default none); {@code packages} the PyPI or npm packages it
 * imports, as pip or npm takes them, and (Python) {@code requirements} a requirements file in the plugin
 * directory; a JS plugin's {@code package.json} {@code dependencies} count too. {@code runner plugin install
 * DIR} installs them into {@code DIR/.packages}, which only this plugin's interpreters import from.
 *
 * @param directory    the plugin's directory
 * @param packages     the packages the plugin declares (and for JS its package.json's dependencies, as {@code name@range})
 * @param requirements the requirements file the plugin declares, or null
 */
public record PluginManifest(Path directory, String name, String version, Language language, String entry,
                             List<String> exports, SandboxPolicy policy, int poolSize, JsonNode config,
                             List<String> hostFunctions, List<String> packages, String requirements) {
    /** The manifest's file name inside a plugin directory. */
    public static final String FILE = "plugin.json";
    static final int MAX_POOL_SIZE = 64;
    private static final List<String> KEYS = List.of("name", "version", "language", "entry", "exports", "policy",
            "poolSize", "config", "hostFunctions", "packages", "requirements");
    /** Where {@code runner plugin install} puts a plugin's packages, inside its directory. */
    public static final String PACKAGES_DIRECTORY = ".packages";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    public PluginManifest {
        exports = List.copyOf(exports);
        hostFunctions = List.copyOf(hostFunctions);
        packages = List.copyOf(packages);
    }

    /** Where the plugin's packages are installed: {@code DIR/.packages}. */
    public Path packagesDirectory() {
        return directory.resolve(PACKAGES_DIRECTORY);
    }

    /** Whether the plugin declares packages (or a requirements file) to install. */
    public boolean declaresPackages() {
        return !packages.isEmpty() || requirements != null;
    }

    /** The requirements file's real path, or null when none is declared. */
    public Path requirementsFile() {
        return requirements == null ? null : fileInside(directory, requirements, directory.resolve(FILE).toString(), "$.requirements");
    }

    /** The entry file's path. */
    public Path entryFile() {
        return directory.resolve(entry);
    }

    /**
     * The entry file's text, from where it really is; checked again as when loading, since the
     * directory may have changed since (a link swapped in).
     *
     * @throws ManifestException when the entry no longer is a regular file inside the plugin directory
     */
    public String readEntry() {
        String where = directory.resolve(FILE).toString();
        Path real = fileInside(directory, entry, where, "$.entry");
        try {
            return TextFiles.read(real);
        } catch (IOException e) {
            throw new ManifestException(where, "$.entry", "\"" + entry + "\" cannot be read: " + TextFiles.reason(e));
        }
    }

    /**
     * The real location of the file {@code name} names in {@code directory}, every link followed; refused
     * unless it is a regular file inside the directory. The check is on where a path leads, not on its
     * text: a link inside the directory to {@code /etc/passwd} or {@code ../outside} is named and refused.
     */
    static Path fileInside(Path directory, String name, String where, String jsonPath) {
        Path given = directory.resolve(name).normalize();
        if (!given.startsWith(directory.normalize())) {
            throw new ManifestException(where, jsonPath, "\"" + name + "\" is not a file inside " + directory);
        }
        Path real;
        try {
            real = realInside(directory, given, "\"" + name + "\"", where, jsonPath);
        } catch (IOException e) {
            throw new ManifestException(where, jsonPath, "\"" + name + "\" is not a file inside " + directory
                    + " (" + TextFiles.reason(e) + ")");
        }
        if (!Files.isRegularFile(real)) {
            throw new ManifestException(where, jsonPath, "\"" + name + "\" is not a regular file inside " + directory);
        }
        return real;
    }

    /**
     * The real location of {@code path} (inside {@code directory} by its text), refused when a link on
     * the way leads out of the directory; {@code shown} names the path in the error.
     */
    private static Path realInside(Path directory, Path path, String shown, String where, String jsonPath) throws IOException {
        Path real = path.toRealPath();
        if (!real.startsWith(directory.toRealPath())) {
            throw new ManifestException(where, jsonPath, shown + " leads out of the plugin directory " + directory + ": "
                    + firstLink(directory, path) + " is a symbolic link to " + real);
        }
        return real;
    }

    /** The first symbolic link on the way from {@code directory} to {@code path} (below the directory). */
    private static Path firstLink(Path directory, Path path) {
        Path current = directory.normalize();
        for (Path part : current.relativize(path)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return current;
            }
        }
        return path;
    }

    /** Refuses a file root of an inline policy that names a place inside the plugin directory but really leads out of it. */
    private static void checkRootsInside(Path directory, SandboxPolicy policy, String where) {
        Path inside = directory.toAbsolutePath().normalize();
        for (Path root : policy.files().resolveRoots(inside)) {
            if (!root.startsWith(inside) || !Files.exists(root)) {
                continue;   // roots elsewhere are the policy's explicit choice, checked by the runtime as real paths
            }
            try {
                realInside(inside, root, "the root " + root, where, "$.policy.files.roots");
            } catch (IOException e) {
                throw new ManifestException(where, "$.policy.files.roots", "the root " + root + " cannot be resolved: " + TextFiles.reason(e));
            }
        }
    }

    /**
     * Reads and validates {@code directory/plugin.json}.
     *
     * @throws ManifestException naming the file, the JSON path and the reason
     */
    public static PluginManifest load(Path directory) {
        Path file = directory.resolve(FILE);
        String where = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(TextFiles.read(fileInside(directory, FILE, where, "$")));
        } catch (JsonProcessingException e) {
            throw new ManifestException(where, "$", "not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ManifestException(where, "$", "cannot be read: " + TextFiles.reason(e));
        }
        if (root == null || !root.isObject()) {
            throw new ManifestException(where, "$", "must be a JSON object with keys " + String.join(", ", KEYS));
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new ManifestException(where, "$." + key, "unknown key; the keys are " + String.join(", ", KEYS));
            }
        }
        Reader r = new Reader(where, root);
        String name = r.text("name", null, NAME, "a plugin name: lowercase letters, digits, '_', '.', '-'");
        String version = r.text("version", "0.0.0", null, "a version string");
        Language language = r.language();
        String entry = r.text("entry", null, null, "a file name inside the plugin directory");
        fileInside(directory, entry, where, "$.entry");
        List<String> exports = r.identifiers("exports", true);
        SandboxPolicy policy = r.policy(directory);
        checkRootsInside(directory, policy, where);
        if (!policy.allowsLanguage(language.id())) {
            throw new ManifestException(where, "$.policy.languages", "the plugin's policy does not allow its own language, " + language.id());
        }
        int poolSize = r.poolSize();
        JsonNode config = root.has("config") ? root.get("config") : JsonNodeFactory.instance.objectNode();
        List<String> hostFunctions = r.identifiers("hostFunctions", false);
        List<String> packages = r.specs("packages");
        if (language == Language.JS) {
            packages.addAll(packageJsonDependencies(directory, where));
        }
        String requirements = root.has("requirements") ? r.text("requirements", null, null, "a requirements file in the plugin directory") : null;
        if (requirements != null) {
            if (language != Language.PYTHON) {
                throw new ManifestException(where, "$.requirements", "is for Python plugins; a JS plugin lists its packages in"
                        + " \"packages\" or its package.json");
            }
            fileInside(directory, requirements, where, "$.requirements");
        }
        return new PluginManifest(directory, name, version, language, entry, exports, policy, poolSize, config, hostFunctions,
                packages, requirements);
    }

    /** A JS plugin's package.json dependencies as npm specs ({@code name@range}); none without a package.json. */
    private static List<String> packageJsonDependencies(Path directory, String where) {
        if (!Files.exists(directory.resolve("package.json"))) {
            return List.of();
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(TextFiles.read(fileInside(directory, "package.json", where, "package.json")));
        } catch (IOException e) {
            throw new ManifestException(directory.resolve("package.json").toString(), "$", "cannot be read: " + e.getMessage());
        }
        List<String> specs = new ArrayList<>();
        manifest.path("dependencies").fields().forEachRemaining(dep -> specs.add(dep.getKey() + "@" + dep.getValue().asText()));
        return specs;
    }

    /** Reads the fields of one manifest, refusing bad values with their path. */
    private record Reader(String where, JsonNode root) {
        String text(String key, String fallback, Pattern form, String what) {
            JsonNode node = root.get(key);
            if (node == null) {
                if (fallback == null) {
                    throw new ManifestException(where, "$." + key, "is required (" + what + ")");
                }
                return fallback;
            }
            if (!node.isTextual() || node.asText().isBlank() || form != null && !form.matcher(node.asText()).matches()) {
                throw new ManifestException(where, "$." + key, node + " is not " + what);
            }
            return node.asText();
        }

        Language language() {
            String id = text("language", null, null, "python or js");
            try {
                return Language.fromName(id);
            } catch (IllegalArgumentException e) {
                throw new ManifestException(where, "$.language", "\"" + id + "\" is not python or js");
            }
        }

        List<String> identifiers(String key, boolean required) {
            JsonNode node = root.get(key);
            if (node == null) {
                if (required) {
                    throw new ManifestException(where, "$." + key, "is required (an array of function names)");
                }
                return List.of();
            }
            if (!node.isArray() || required && node.isEmpty()) {
                throw new ManifestException(where, "$." + key, "must be a" + (required ? " non-empty" : "n") + " array of function names");
            }
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isTextual() || !IDENTIFIER.matcher(item.asText()).matches()) {
                    throw new ManifestException(where, "$." + key + "[" + i + "]", item + " is not a function name");
                }
                names.add(item.asText());
            }
            return new ArrayList<>(names);
        }

        /** An optional array of package specs (as pip or npm takes them). */
        List<String> specs(String key) {
            JsonNode node = root.get(key);
            List<String> specs = new ArrayList<>();
            if (node == null) {
                return specs;
            }
            if (!node.isArray()) {
                throw new ManifestException(where, "$." + key, "must be an array of package specs, like \"tabulate==0.10.0\" or \"lodash@4\"");
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isTextual() || item.asText().isBlank() || item.asText().startsWith("-")) {
                    throw new ManifestException(where, "$." + key + "[" + i + "]", item + " is not a package spec");
                }
                specs.add(item.asText());
            }
            return specs;
        }

        SandboxPolicy policy(Path directory) {
            JsonNode node = root.get("policy");
            try {
                if (node == null) {
                    return PolicyLoader.defaultPolicy();
                }
                if (node.isTextual()) {
                    if (!PolicyLoader.PRESETS.contains(node.asText())) {
                        throw new ManifestException(where, "$.policy", node + " is not a preset ("
                                + String.join(", ", PolicyLoader.PRESETS) + "); write a policy object inline instead");
                    }
                    return PolicyLoader.preset(node.asText());
                }
                if (node.isObject()) {
                    return PolicyLoader.parse(where + " (policy)", node.toString(), directory);
                }
            } catch (PolicyException e) {
                // Re-root the policy's own path inside the manifest: $.limits.x becomes $.policy.limits.x.
                throw new ManifestException(where, "$.policy" + e.jsonPath().substring(1),
                        e.getMessage().substring(e.getMessage().indexOf(e.jsonPath() + ": ") + e.jsonPath().length() + 2));
            }
            throw new ManifestException(where, "$.policy", node + " is neither a preset name nor a policy object");
        }

        int poolSize() {
            JsonNode node = root.get("poolSize");
            if (node == null) {
                return 1;
            }
            if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > MAX_POOL_SIZE) {
                throw new ManifestException(where, "$.poolSize", node + " is not a whole number from 1 to " + MAX_POOL_SIZE);
            }
            return node.asInt();
        }
    }
}
