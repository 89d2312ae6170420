package dev.subinterp.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one policy document over a base policy that supplies every key the document leaves out
 * (nested objects key by key). Every refusal names the document, the JSON path and what is allowed.
 */
final class PolicyReader {
    static final List<String> KEYS = List.of("extends", "languages", "hostAccess", "hostClasses", "files", "environment",
            "threads", "processes", "nativeAccess", "polyglotEval", "isolation", "output", "limits", "packages");
    static final List<String> FILE_KEYS = List.of("access", "roots");
    static final List<String> OUTPUT_KEYS = List.of("stdout", "stderr");
    static final List<String> LIMIT_KEYS = List.of("timePerCall", "statementsPerCall", "outputBytes", "interpreters",
            "threads", "queueBytes", "recursionDepth", "memory");
    static final Set<String> LANGUAGES = new LinkedHashSet<>(List.of("python", "js"));
    private static final Pattern CLASS_NAME = Pattern.compile("\\*|[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(\\.\\*)?");
    private static final Pattern ENV_NAME = Pattern.compile("\\*|[A-Za-z_][A-Za-z0-9_]*");

    private final String source;
    private final Path relativeTo;

    /**
     * @param source     what to call the document in errors
     * @param relativeTo the directory relative file roots are resolved against, or null to refuse them
     */
    PolicyReader(String source, Path relativeTo) {
        this.source = source;
        this.relativeTo = relativeTo;
    }

    SandboxPolicy read(JsonNode root, SandboxPolicy base) {
        object(root, "$", KEYS);
        Set<String> languages = field(root, "languages", "$", base, SandboxPolicy::languages, this::languages);
        HostAccessLevel hostAccess = field(root, "hostAccess", "$", base, SandboxPolicy::hostAccess,
                (n, p) -> choice(n, p, HostAccessLevel.values(), HostAccessLevel::jsonName));
        List<String> hostClasses = field(root, "hostClasses", "$", base, SandboxPolicy::hostClasses,
                (n, p) -> names(n, p, CLASS_NAME, "a class name, package.* or *"));
        FilePolicy files = files(root.get("files"), base == null ? null : base.files());
        List<String> environment = field(root, "environment", "$", base, SandboxPolicy::environment,
                (n, p) -> names(n, p, ENV_NAME, "an environment variable name or *"));
        boolean threads = field(root, "threads", "$", base, SandboxPolicy::threads, this::bool);
        boolean processes = field(root, "processes", "$", base, SandboxPolicy::processes, this::bool);
        boolean nativeAccess = field(root, "nativeAccess", "$", base, SandboxPolicy::nativeAccess, this::bool);
        boolean polyglotEval = field(root, "polyglotEval", "$", base, SandboxPolicy::polyglotEval, this::bool);
        Isolation isolation = field(root, "isolation", "$", base, SandboxPolicy::isolation,
                (n, p) -> choice(n, p, Isolation.values(), Isolation::jsonName));
        JsonNode output = root.get("output");
        if (output != null) {
            object(output, "$.output", OUTPUT_KEYS);
        }
        OutputMode stdout = field(output, "stdout", "$.output", base, SandboxPolicy::stdout, this::outputMode);
        OutputMode stderr = field(output, "stderr", "$.output", base, SandboxPolicy::stderr, this::outputMode);
        Limits limits = limits(root.get("limits"), base == null ? null : base.limits());
        if (limits.memory().isPresent() && isolation == Isolation.CONTEXT) {
            // Checked on the effective policy: the limit may come from the base while this document
            // asks for context isolation, or the other way round.
            boolean inherited = root.get("limits") == null || !root.get("limits").has("memory");
            String from = inherited
                    ? " (the limit comes from " + base.name() + "; write \"limits\": {\"memory\": null} to run without it)" : "";
            throw new PolicyException(source, "$.limits.memory", "needs \"isolation\": \"process\": GraalVM Community"
                    + " cannot limit the memory of a Context in a shared JVM; only a worker JVM's heap can be limited" + from);
        }
        Optional<List<String>> packages = field(root, "packages", "$", base, SandboxPolicy::packages,
                (n, p) -> optional(n, p, this::packageDirectories));
        return new SandboxPolicy(source, languages, hostAccess, hostClasses, files, environment, threads, processes,
                nativeAccess, polyglotEval, isolation, stdout, stderr, limits, packages);
    }

    private FilePolicy files(JsonNode node, FilePolicy base) {
        if (node != null) {
            object(node, "$.files", FILE_KEYS);
        }
        FileAccess access = field(node, "access", "$.files", base, FilePolicy::access,
                (n, p) -> choice(n, p, FileAccess.values(), FileAccess::jsonName));
        List<String> roots = field(node, "roots", "$.files", base, FilePolicy::roots, this::roots);
        if (access != FileAccess.NONE && roots.isEmpty()) {
            throw new PolicyException(source, "$.files.roots", "file access \"" + access.jsonName()
                    + "\" needs at least one root directory (or \"" + FilePolicy.SCRIPT_DIR + "\")");
        }
        return new FilePolicy(access, roots);
    }

    private Limits limits(JsonNode node, Limits base) {
        String at = "$.limits";
        if (node != null) {
            object(node, at, LIMIT_KEYS);
        }
        return new Limits(
                field(node, "timePerCall", at, base, Limits::timePerCall, this::duration),
                field(node, "statementsPerCall", at, base, Limits::statementsPerCall, this::statements),
                field(node, "outputBytes", at, base, Limits::outputBytes, (n, p) -> optional(n, p, this::size)),
                field(node, "interpreters", at, base, Limits::interpreters, (n, p) -> optional(n, p, this::smallCount)),
                field(node, "threads", at, base, Limits::threads, (n, p) -> optional(n, p, this::smallCount)),
                field(node, "queueBytes", at, base, Limits::queueBytes, (n, p) -> optional(n, p, this::size)),
                field(node, "recursionDepth", at, base, Limits::recursionDepth,
                        (n, p) -> optional(n, p, (depth, path) -> (int) count(depth, path, Limits.MAX_RECURSION_DEPTH))),
                field(node, "memory", at, base, Limits::memory, (n, p) -> optional(n, p, this::memory)));
    }

    // ---- structure --------------------------------------------------------------------------------

    /** Checks that {@code node} is an object whose keys are all in {@code keys}. */
    private void object(JsonNode node, String path, List<String> keys) {
        if (!node.isObject()) {
            throw new PolicyException(source, path, "must be a JSON object with keys " + String.join(", ", keys));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (keys.contains(key)) {
                continue;   // a key of ours is never an enterprise setting, though one is spelt alike (limits.memory)
            }
            Optional<String> enterprise = EnterpriseSettings.explain(key);
            if (enterprise.isPresent()) {
                throw new PolicyException(source, path + "." + key, "refused: " + enterprise.get());
            }
            throw new PolicyException(source, path + "." + key, "unknown key; the keys here are " + String.join(", ", keys));
        }
    }

    /** The value of {@code key} in {@code node} if present, else the base's; required when there is no base. */
    private <B, T> T field(JsonNode node, String key, String at, B base, Function<B, T> fromBase, Parser<T> parser) {
        String path = at + "." + key;
        if (node != null && node.has(key)) {
            return parser.parse(node.get(key), path);
        }
        if (base == null) {
            throw new PolicyException(source, path, "is required");
        }
        return fromBase.apply(base);
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(JsonNode node, String path);
    }

    // ---- values -----------------------------------------------------------------------------------

    private Set<String> languages(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new PolicyException(source, path, "must be an array of language ids (" + String.join(", ", LANGUAGES) + ")");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (!id.isTextual() || !LANGUAGES.contains(id.asText())) {
                throw new PolicyException(source, path + "[" + i + "]", id + " is not a language id; use python or js");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private List<String> names(JsonNode node, String path, Pattern form, String what) {
        if (!node.isArray()) {
            throw new PolicyException(source, path, "must be an array; each item " + what);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || !form.matcher(item.asText()).matches()) {
                throw new PolicyException(source, path + "[" + i + "]", item + " is not " + what);
            }
            names.add(item.asText());
        }
        return names;
    }

    private List<String> roots(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new PolicyException(source, path, "must be an array of directories (absolute, relative to the policy file, or \""
                    + FilePolicy.SCRIPT_DIR + "\")");
        }
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = path + "[" + i + "]";
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new PolicyException(source, at, item + " is not a directory name");
            }
            String root = item.asText();
            if (root.startsWith("${") && !root.equals(FilePolicy.SCRIPT_DIR)) {
                throw new PolicyException(source, at, "\"" + root + "\" is not a known placeholder; the only one is \""
                        + FilePolicy.SCRIPT_DIR + "\"");
            }
            if (!root.equals(FilePolicy.SCRIPT_DIR) && !Path.of(root).isAbsolute()) {
                if (relativeTo == null) {
                    throw new PolicyException(source, at, "\"" + root + "\" is relative; write an absolute directory");
                }
                root = relativeTo.resolve(root).toAbsolutePath().normalize().toString();
            }
            roots.add(root);
        }
        return roots;
    }

    private List<String> packageDirectories(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new PolicyException(source, path, "must be an array of package directories (absolute or relative to the"
                    + " policy file), or null to allow any");
        }
        for (int i = 0; i < node.size(); i++) {
            if (FilePolicy.SCRIPT_DIR.equals(node.get(i).asText())) {
                throw new PolicyException(source, path + "[" + i + "]", "\"" + FilePolicy.SCRIPT_DIR
                        + "\" cannot name a package directory; write the directory");
            }
        }
        return roots(node, path);
    }

    private <E extends Enum<E>> E choice(JsonNode node, String path, E[] values, Function<E, String> spelling) {
        for (E value : values) {
            if (node.isTextual() && spelling.apply(value).equals(node.asText())) {
                return value;
            }
        }
        throw new PolicyException(source, path, node + " is not one of "
                + Arrays.stream(values).map(spelling).collect(Collectors.joining(", ")));
    }

    private OutputMode outputMode(JsonNode node, String path) {
        return choice(node, path, OutputMode.values(), OutputMode::jsonName);
    }

    private boolean bool(JsonNode node, String path) {
        if (!node.isBoolean()) {
            throw new PolicyException(source, path, node + " is not true or false");
        }
        return node.booleanValue();
    }

    private <T> Optional<T> optional(JsonNode node, String path, Parser<T> parser) {
        return node.isNull() ? Optional.empty() : Optional.of(parser.parse(node, path));
    }

    private Optional<Duration> duration(JsonNode node, String path) {
        return optional(node, path, (n, p) -> {
            if (!n.isTextual()) {
                throw new PolicyException(source, p, n + " is not a duration string like \"500ms\", \"10s\" or \"1m\" (or null for no limit)");
            }
            try {
                return Durations.parse(n.asText());
            } catch (IllegalArgumentException e) {
                throw new PolicyException(source, p, e.getMessage());
            }
        });
    }

    private long count(JsonNode node, String path, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1 || node.longValue() > max) {
            throw new PolicyException(source, path, node + " is not a whole number from 1 to " + max + " (or null for no limit)");
        }
        return node.longValue();
    }

    private int smallCount(JsonNode node, String path) {
        return (int) count(node, path, Integer.MAX_VALUE);
    }

    private long size(JsonNode node, String path) {
        if (!node.isTextual()) {
            return count(node, path, Long.MAX_VALUE);
        }
        long bytes;
        try {
            bytes = ByteSizes.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw new PolicyException(source, path, e.getMessage());
        }
        if (bytes < 1) {
            throw new PolicyException(source, path, node + " is not a positive size");
        }
        return bytes;
    }

    private long memory(JsonNode node, String path) {
        long bytes = size(node, path);
        if (bytes < Limits.MIN_MEMORY) {
            throw new PolicyException(source, path, node + " is less than the minimum, 64MiB: the worker JVM's guests"
                    + " need room to start an interpreter");
        }
        return bytes;
    }

    private Map<String, Long> statements(JsonNode node, String path) {
        if (node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new PolicyException(source, path, node + " must name its language, like {\"js\": 10000000}"
                    + " (or null for no limit): only JavaScript statements can be counted");
        }
        Map<String, Long> limits = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String at = path + "." + entry.getKey();
            if (entry.getKey().equals("python")) {
                throw new PolicyException(source, at, "refused: GraalPy 25.0.3 does not enforce statement limits"
                        + " (Truffle's statement counting is ignored with the JIT and fails without it);"
                        + " bound Python with limits.timePerCall instead");
            }
            if (!entry.getKey().equals("js")) {
                throw new PolicyException(source, at, "unknown language; statements can be counted for js only");
            }
            if (!entry.getValue().isNull()) {
                limits.put("js", count(entry.getValue(), at, Long.MAX_VALUE));
            }
        }
        return limits;
    }
}
