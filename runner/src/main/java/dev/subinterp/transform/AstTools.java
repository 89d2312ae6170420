package dev.subinterp.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The tools interpreter of one {@link SourceTransform}: a guest of the language being rewritten that
 * parses (GraalPy's {@code ast}; acorn for JS), runs transforms and prints the tree back ({@code
 * ast.unparse}; escodegen). The tree stays in that interpreter between steps; it crosses to the host
 * only as JSON text, and Python code leaves it compiled, as marshalled bytes.
 */
final class AstTools implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Language language;
    private final Interpreter tools;
    /** The transform that made the current tree (null: the parser), named when the tree turns out broken. */
    private String treeAuthor;

    AstTools(Interpreters runtime, Language language, OutputStream output, Duration timeLimit) {
        this.language = language;
        Interpreter.Builder options = runtime.newInterpreter(language).stdout(output).stderr(output);
        if (timeLimit != null) {
            options.timeLimit(timeLimit);
        }
        this.tools = options.create();
        try {
            if (language == Language.PYTHON) {
                tools.exec(resource("python-ast.py"), "<subinterp-ast>");
                tools.exec(resource("python-builtins.py"), "<subinterp-ast-builtins>");
            } else {
                JsLibraries.install(tools);   // acorn, escodegen, estraverse, then js-ast.js
                tools.exec(resource("js-builtins.js"), "<subinterp-ast-builtins>");
            }
        } catch (RuntimeException e) {
            tools.close();
            throw e;
        }
    }

    /** Parses {@code source} into the current tree. */
    void parse(String source, String sourceName) {
        JsonNode result = call("parse", source, sourceName);
        treeAuthor = null;
        if (result.has("syntax")) {
            JsonNode syntax = result.get("syntax");
            throw new SourceSyntaxError(sourceName, syntax.path("line").asInt(), syntax.path("column").asInt(), syntax.path("message").asText());
        }
    }

    /** Loads a guest transform program; returns its handle. */
    int loadGuest(GuestTransform transform) {
        return handle(transform.name(), call("load_transform", transform.source(), transform.name()));
    }

    int loadBuiltin(BuiltinTransform transform) {
        return handle(transform.name(), call("load_builtin", transform.name(), transform.options().toString()));
    }

    private static int handle(String name, JsonNode result) {
        if (!result.isIntegralNumber()) {
            throw new TransformException(name, result.asText());
        }
        return result.intValue();
    }

    /**
     * Runs the loaded transform {@code handle} on the current tree. A built-in is trusted to keep the
     * tree valid, so only a guest transform ({@code guest}) becomes the tree's author.
     */
    void apply(int handle, String transformName, String sourceName, boolean guest) {
        JsonNode result = call("apply", handle);
        if (guest) {
            treeAuthor = transformName;
        }
        if (result.has("refused")) {
            List<TransformRefused.Problem> problems = new ArrayList<>();
            for (JsonNode problem : result.get("refused")) {
                problems.add(new TransformRefused.Problem(problem.path("line").asInt(), problem.path("column").asInt(), problem.path("message").asText()));
            }
            throw new TransformRefused(transformName, sourceName, problems);
        }
        if (result.has("error")) {
            throw new TransformException(transformName, result.get("error").asText());
        }
    }

    /** The current tree in its JSON form. */
    JsonNode tree() {
        String json = checked("has no JSON form", () -> call("tree_json").textValue());
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the tools interpreter wrote a tree that is not JSON", e);
        }
    }

    /** Makes {@code tree} (JSON form) the current tree; {@code whose} names who made it, for errors (null: the caller's tree). */
    void load(JsonNode tree, String whose) {
        JsonNode error = call("load_json", tree.toString());
        treeAuthor = whose;
        if (!error.isNull()) {
            String kind = language == Language.PYTHON ? "Python ast" : "ESTree";
            throw new TransformException(whose, (whose == null ? "the tree is not a valid " : "gave a tree that is not a valid ")
                    + kind + " tree: " + error.asText());
        }
    }

    /** The current tree printed as source. */
    String unparse() {
        return checked("cannot be printed", () -> call(language == Language.PYTHON ? "unparse" : "generate").textValue());
    }

    /**
     * JS only: the current tree printed for running, with {@code lines[L]} = the original line of printed
     * line {@code L} (0 when unknown).
     */
    Runnable runnable() {
        JsonNode printed = checked("cannot be printed", () -> call("generate_for_exec"));
        int[] lines = new int[printed.get("lines").size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = printed.get("lines").get(i).asInt();
        }
        return new Runnable(printed.get("source").textValue(), lines);
    }

    record Runnable(String source, int[] originalLines) {
    }

    /** Python only: the current tree compiled for {@link Interpreter#execCompiled}. */
    byte[] compile() {
        return checked("does not compile", () -> {
            try {
                return call("compile_tree").binaryValue();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** For round-trip checks: why the current tree does not match {@code source}'s, or null when it does. */
    String differsFrom(String source) {
        JsonNode result = call("differs_from", source);
        return result.isNull() ? null : result.asText();
    }

    /** Runs work on the current tree; a guest error there means the tree is broken: blame whoever made it. */
    private <T> T checked(String what, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ExecutionFailed e) {
            String tree = treeAuthor == null ? "the tree " : "the tree it returned ";
            throw new TransformException(treeAuthor, tree + what + ": " + e.excInfo().formatted());
        }
    }

    private JsonNode call(String function, Object... args) {
        return tools.call(language == Language.JS ? "__" + function : function, args);
    }

    @Override
    public void close() {
        tools.close();
    }

    /** A text resource: a name beside this class, or an absolute class-path name (a WebJar's file). */
    static String resource(String name) {
        try (InputStream in = AstTools.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name + " on the class path (is the runner jar complete, with its WebJars?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parser and code generator from their WebJars (versions pinned in the parent POM). */
    static final class JsLibraries {
        private static final String[][] MODULE_FILES = {
                {"escodegen", "escodegen.js"}, {"escodegen", "package.json"}, {"estraverse", "estraverse.js"},
                {"esutils", "lib/utils.js"}, {"esutils", "lib/ast.js"}, {"esutils", "lib/code.js"}, {"esutils", "lib/keyword.js"}};
        private static final Map<String, String> MAINS = Map.of(
                "escodegen", "escodegen/escodegen.js", "estraverse", "estraverse/estraverse.js", "esutils", "esutils/lib/utils.js");

        private JsLibraries() {
        }

        static void install(Interpreter tools) {
            tools.exec(text("acorn/dist/acorn.js"), "acorn.js");
            Map<String, String> files = new LinkedHashMap<>();
            for (String[] file : MODULE_FILES) {
                files.put(file[0] + "/" + file[1], text(file[0] + "/" + file[1]));
            }
            tools.exec(resource("js-ast.js"), "<subinterp-ast>");
            tools.call("__load_libraries", files, MAINS);
        }

        /** A file of a bundled package, as "PACKAGE/PATH" ("acorn/dist/acorn.js"). */
        static String text(String packagePath) {
            String[] parts = packagePath.split("/", 2);
            return resource(WEBJARS.getProperty(parts[0]) + parts[1]);
        }

        private static final Properties WEBJARS = new Properties();

        static {
            try {
                WEBJARS.load(new java.io.StringReader(resource("js-libraries.properties")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
