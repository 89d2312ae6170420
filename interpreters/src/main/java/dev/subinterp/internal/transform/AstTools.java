package dev.subinterp.internal.transform;

import dev.subinterp.transform.BuiltinTransform;
import dev.subinterp.transform.GuestTransform;
import dev.subinterp.transform.SourceSyntaxError;
import dev.subinterp.transform.SourceTransform;
import dev.subinterp.transform.TransformException;
import dev.subinterp.transform.TransformRefused;
import dev.subinterp.transform.TreeNotPrintable;
import dev.subinterp.transform.TreeTooDeep;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.subinterp.interpreter.ExcInfo;
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
 *
 * <p>Every tree is measured (deeper than {@link SourceTransform#MAX_DEPTH} is refused) before anything
 * recursive reads it, and {@link #verify} refuses a tree whose printed form parses to another tree. A
 * stack overflow in the tools interpreter (RangeError, RecursionError) becomes {@link TreeTooDeep}.
 */
public final class AstTools implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Language language;
    private final Interpreter tools;
    /** The transform that made the current tree (null: the parser), named when the tree turns out broken. */
    private String treeAuthor;
    /** The step that made the current tree, built-ins included: what {@link #verify} and {@link #runnable} blame. */
    private Origin origin = Origin.CALLER;

    /** Who made a tree: the transform an error names (null: none), and how the message calls the tree. */
    public record Origin(String transform, String tree) {
        static final Origin CALLER = new Origin(null, "the tree");

        static Origin program(String sourceName) {
            return new Origin(null, sourceName + ": the program");
        }

        static Origin step(String transform) {
            return new Origin(transform, "the tree it returned");
        }

        /** The guest transform that made the tree (null: the parser or the caller), as broken-tree errors name it. */
        static Origin author(String treeAuthor) {
            return treeAuthor == null ? CALLER : step(treeAuthor);
        }
    }

    public AstTools(Interpreters runtime, Language language, OutputStream output, Duration timeLimit) {
        this.language = language;
        this.installed = dev.subinterp.internal.engine.PackageDirectories.topLevelNames(language, runtime.packages());
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
            call("configure", SourceTransform.MAX_DEPTH);
        } catch (RuntimeException e) {
            tools.close();
            throw e;
        }
    }

    /** Parses {@code source} into the current tree. */
    public void parse(String source, String sourceName) {
        Origin program = Origin.program(sourceName);
        JsonNode result = callOnTree(program, "parsed", "parse", source, sourceName);
        if (result.has("syntax")) {
            JsonNode syntax = result.get("syntax");
            throw new SourceSyntaxError(sourceName, syntax.path("line").asInt(), syntax.path("column").asInt(), syntax.path("message").asText());
        }
        refuseIfTooDeep(result, program);
        treeAuthor = null;
        origin = program;
    }

    /** Loads a guest transform program; returns its handle. */
    public int loadGuest(GuestTransform transform) {
        return handle(transform.name(), call("load_transform", transform.source(), transform.name()));
    }

    public int loadBuiltin(BuiltinTransform transform) {
        com.fasterxml.jackson.databind.node.ObjectNode options = transform.options().deepCopy();
        if (transform.name().equals("import-allowlist") && !options.has("allow")) {
            // the default list knows the runtime's installed packages by name (an explicit list is the user's own)
            installed.forEach(options.withArray("packages")::add);
        }
        return handle(transform.name(), call("load_builtin", transform.name(), options.toString()));
    }

    /** The top-level names of the packages the runtime's interpreters import from. */
    private final java.util.List<String> installed;

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
    public void apply(int handle, String transformName, String sourceName, boolean guest) {
        Origin step = Origin.step(transformName);
        JsonNode result = callOnTree(step, "checked", "apply", handle, guest);
        if (guest) {
            treeAuthor = transformName;
        }
        origin = step;
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
        refuseIfTooDeep(result, step);
    }

    /**
     * Prints the current tree, parses the printed program again and compares it with the tree (positions,
     * raw text and comments aside), so that the checks that follow see the program that is printed and run.
     *
     * @throws TreeNotPrintable the printed form is another program (or none): names the step that made the tree
     */
    public void verify() {
        JsonNode result = callOnTree(origin, "printed", "verify");
        refuseIfNotPrintable(result, origin, "");
    }

    /** The current tree in its JSON form. */
    public JsonNode tree() {
        Origin author = Origin.author(treeAuthor);
        String json = callOnTree(author, "turned into JSON", "tree_json").textValue();
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {   // past one of Jackson's limits (a string longer than it reads)
            throw new TransformException(author.transform(), author.tree() + " has a JSON form the host cannot read: " + e.getOriginalMessage());
        }
    }

    /** Makes {@code tree} (JSON form) the current tree; {@code whose} names who made it, for errors (null: the caller's tree). */
    public void load(JsonNode tree, String whose) {
        Origin from = whose == null ? Origin.CALLER : Origin.step(whose);
        JsonNode result = callOnTree(from, "read", "load_json", jsonText(tree, from));
        treeAuthor = whose;
        origin = from;
        if (result.has("error")) {
            String kind = language == Language.PYTHON ? "Python ast" : "ESTree";
            throw new TransformException(whose, (whose == null ? "the tree is not a valid " : "gave a tree that is not a valid ")
                    + kind + " tree: " + result.get("error").asText());
        }
        refuseIfTooDeep(result, from);
    }

    /** Jackson writes no JSON nested deeper than its limit (1000): such a tree is too deep for transforms too. */
    private static String jsonText(JsonNode tree, Origin from) {
        try {
            return tree.toString();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof StreamConstraintsException) {
                throw tooDeep(from);
            }
            throw e;
        }
    }

    /** The current tree printed as source. */
    public String unparse() {
        return callOnTree(Origin.author(treeAuthor), "printed", language == Language.PYTHON ? "unparse" : "generate").textValue();
    }

    /**
     * JS only: the current tree printed for running, with {@code lines[L]} = the original line of printed
     * line {@code L} (0 when unknown). The text is parsed again and compared with the tree first: what
     * runs is the program the checks saw.
     *
     * @throws TreeNotPrintable the text printed for running is another program
     */
    public Runnable runnable() {
        JsonNode printed = callOnTree(origin, "printed", "generate_for_exec");
        refuseIfNotPrintable(printed, origin, " for running");
        int[] lines = new int[printed.get("lines").size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = printed.get("lines").get(i).asInt();
        }
        return new Runnable(printed.get("source").textValue(), lines);
    }

    public record Runnable(String source, int[] originalLines) {
    }

    /** Python only: the current tree compiled for {@link Interpreter#execCompiled}. */
    public byte[] compile() {
        try {
            return callOnTree(Origin.author(treeAuthor), "compiled", "compile_tree").binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For round-trip checks: why the current tree does not match {@code source}'s, or null when it does. */
    public String differsFrom(String source) {
        JsonNode result = call("differs_from", source);
        return result.isNull() ? null : result.asText();
    }

    /**
     * Calls a tools function that works on a tree {@code origin} made; a guest error there means the tree
     * is broken, or (a stack overflow) nested too deeply: blame {@code origin}. {@code done} says what was
     * done to the tree ("printed").
     */
    private JsonNode callOnTree(Origin origin, String done, String function, Object... args) {
        try {
            return call(function, args);
        } catch (ExecutionFailed e) {
            ExcInfo error = e.excInfo();
            if (isStackOverflow(error)) {
                throw new TreeTooDeep(origin.transform(), origin.tree() + " is nested too deeply to be " + done
                        + " within the tools interpreter's stack (" + error.type() + ": " + error.message()
                        + "; the policy's recursionDepth sizes that stack)");
            }
            throw new TransformException(origin.transform(), origin.tree() + " cannot be " + done + ": " + error.formatted());
        }
    }

    private static boolean isStackOverflow(ExcInfo error) {
        return error.type().equals("RecursionError")
                || error.type().equals("RangeError") && error.message().contains("call stack");
    }

    /** A tools function's answer {"too_deep": true} as the error. */
    private static void refuseIfTooDeep(JsonNode result, Origin origin) {
        if (result.has("too_deep")) {
            throw tooDeep(origin);
        }
    }

    private static TreeTooDeep tooDeep(Origin origin) {
        return new TreeTooDeep(origin.transform(), origin.tree() + " is nested deeper than " + SourceTransform.MAX_DEPTH
                + " levels (nodes and lists, as in its JSON form), the limit for transforms");
    }

    /** A tools function's answer {"not_printable": where the trees differ} as the error. */
    private static void refuseIfNotPrintable(JsonNode result, Origin origin, String how) {
        if (result.has("not_printable")) {
            throw new TreeNotPrintable(origin.transform(), origin.tree() + " does not print as itself" + how + ": "
                    + result.get("not_printable").asText());
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
    public static String resource(String name) {
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
    public static final class JsLibraries {
        private static final String[][] MODULE_FILES = {
                {"escodegen", "escodegen.js"}, {"escodegen", "package.json"}, {"estraverse", "estraverse.js"},
                {"esutils", "lib/utils.js"}, {"esutils", "lib/ast.js"}, {"esutils", "lib/code.js"}, {"esutils", "lib/keyword.js"}};
        private static final Map<String, String> MAINS = Map.of(
                "escodegen", "escodegen/escodegen.js", "estraverse", "estraverse/estraverse.js", "esutils", "esutils/lib/utils.js");

        private JsLibraries() {
        }

        static void install(Interpreter tools) {
            // acorn's UMD header exports to a CommonJS `module` when one is in scope (as it is with packages
            // on the path), not to the global the tools use; hide those names so it always takes the global
            tools.exec("(function (exports, module, define) {" + text("acorn/dist/acorn.js") + "\n}).call(globalThis);", "acorn.js");
            Map<String, String> files = new LinkedHashMap<>();
            for (String[] file : MODULE_FILES) {
                files.put(file[0] + "/" + file[1], text(file[0] + "/" + file[1]));
            }
            tools.exec(resource("js-ast.js"), "<subinterp-ast>");
            tools.call("__load_libraries", files, MAINS);
        }

        /** A file of a bundled package, as "PACKAGE/PATH" ("acorn/dist/acorn.js"). */
        public static String text(String packagePath) {
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
