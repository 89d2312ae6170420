package dev.subinterp.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets an ES module import CommonJS packages, as Node does: GraalJS's module loader refuses a package
 * whose entry is CommonJS ("Unsupported file extension"), which is most of npm. The module's leading
 * {@code import} declarations of such packages become {@code require} calls with Node's bindings: the
 * default import is {@code module.exports}, a namespace import holds its properties and {@code default},
 * named imports are its properties. Only the import block at the top of the module is read (imports
 * after other code stay as they are); line numbers do not move. ES module packages are left to GraalJS.
 */
final class CommonJsImports {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One import declaration: its clause (null for a bare {@code import 'x'}) and its specifier. */
    private static final Pattern IMPORT = Pattern.compile(
            "import\\s*(?:([\\w$\\s{},*]+?)\\s*from\\s*)?(['\"])([^'\"\\n]+)\\2\\s*;?");
    private static final Pattern DEFAULT_AND_REST = Pattern.compile("([\\w$]+)\\s*(?:,\\s*(.*))?", Pattern.DOTALL);
    private static final Pattern NAMESPACE = Pattern.compile("\\*\\s*as\\s+([\\w$]+)");
    private static final Pattern NAMED = Pattern.compile("\\{([^}]*)}");

    private CommonJsImports() {
    }

    /** {@code source} with its leading imports of CommonJS packages under {@code root/node_modules} as requires. */
    static String rewrite(String source, Path root) {
        StringBuilder out = new StringBuilder(source.length() + 64);
        int at = 0;
        while (true) {
            int next = skipSpaceAndComments(source, at);
            out.append(source, at, next);
            at = next;
            Matcher declaration = IMPORT.matcher(source).region(at, source.length());
            if (!declaration.lookingAt()) {
                break;
            }
            String text = declaration.group();
            String specifier = declaration.group(3);
            String replacement = isCommonJsPackage(root, specifier) ? requires(declaration.group(1), specifier) : null;
            if (replacement == null) {
                out.append(text);
            } else {
                out.append(replacement).append("\n".repeat((int) text.chars().filter(c -> c == '\n').count()));
            }
            at = declaration.end();
        }
        return at == 0 ? source : out.append(source, at, source.length()).toString();
    }

    /** The statements that bind what {@code clause} imports from the CommonJS module {@code specifier}; null if unreadable. */
    private static String requires(String clause, String specifier) {
        String module = "require(" + quote(specifier) + ")";
        if (clause == null) {
            return module + ";";
        }
        StringBuilder statements = new StringBuilder();
        String rest = clause.strip();
        Matcher first = DEFAULT_AND_REST.matcher(rest);
        if (!rest.startsWith("{") && !rest.startsWith("*") && first.matches()) {
            statements.append("const ").append(first.group(1)).append(" = ").append(module).append(";");
            rest = first.group(2) == null ? "" : first.group(2).strip();
        }
        Matcher namespace = NAMESPACE.matcher(rest);
        Matcher named = NAMED.matcher(rest);
        if (namespace.matches()) {
            statements.append("const ").append(namespace.group(1)).append(" = Object.freeze(Object.assign(Object.create(null), ")
                    .append(module).append(", {default: ").append(module).append("}));");
        } else if (named.matches()) {
            java.util.List<String> properties = new java.util.ArrayList<>();
            for (String entry : named.group(1).split(",")) {
                String[] names = entry.strip().split("\\s+as\\s+");
                if (names[0].isEmpty()) {
                    continue;
                }
                if (names[0].equals("default")) {   // Node: a CommonJS module's default export is module.exports
                    statements.append("const ").append(names[names.length - 1]).append(" = ").append(module).append(";");
                } else {
                    properties.add(names.length == 2 ? names[0] + ": " + names[1] : names[0]);
                }
            }
            if (!properties.isEmpty()) {
                statements.append("const {").append(String.join(", ", properties)).append("} = ").append(module).append(";");
            }
        } else if (!rest.isEmpty()) {
            return null;
        }
        return statements.toString();
    }

    /** Whether {@code specifier} names a package under {@code root/node_modules} whose entry is CommonJS. */
    private static boolean isCommonJsPackage(Path root, String specifier) {
        if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.contains(":")) {
            return false;
        }
        String[] parts = specifier.split("/");
        String name = specifier.startsWith("@") && parts.length > 1 ? parts[0] + "/" + parts[1] : parts[0];
        Path manifest = root.resolve("node_modules").resolve(name).resolve("package.json");
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        try {
            JsonNode json = JSON.readTree(manifest.toFile());
            return !json.path("type").asText().equals("module");
        } catch (IOException e) {
            return false;
        }
    }

    /** The index after the whitespace and comments at {@code at}. */
    private static int skipSpaceAndComments(String source, int at) {
        while (at < source.length()) {
            if (Character.isWhitespace(source.charAt(at))) {
                at++;
            } else if (source.startsWith("//", at) || at == 0 && source.startsWith("#!")) {
                int end = source.indexOf('\n', at);
                at = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", at)) {
                int end = source.indexOf("*/", at + 2);
                at = end < 0 ? source.length() : end + 2;
            } else {
                break;
            }
        }
        return at;
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
