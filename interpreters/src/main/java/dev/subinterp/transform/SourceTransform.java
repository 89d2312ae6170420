package dev.subinterp.transform;

import dev.subinterp.internal.transform.AstTools;
import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chain of transforms for one language: parse, rewrite step by step, print or compile the result and
 * hand it to an {@link dev.subinterp.interpreter.Interpreter}. The tree lives in a tools interpreter of
 * the same runtime (and policy) while the chain runs; only source text, JSON and compiled bytes cross.
 *
 * <pre>{@code
 * try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON)
 *         .then(BuiltinTransform.dunderGuard())
 *         .then(BuiltinTransform.loopBudget(10_000))
 *         .build()) {
 *     TransformedSource rewritten = chain.apply(source, "plugin.py");
 *     rewritten.exec(interpreter);            // tracebacks point at plugin.py's own lines
 * }
 * }</pre>
 *
 * <p>What the checks see is what runs: after parsing and after every step, the tree is printed, parsed
 * again and compared with itself, and a tree that prints as another program is refused
 * ({@link TreeNotPrintable}, naming the step). JavaScript runs the printed text, itself parsed and compared
 * once more; Python runs the compiled tree. A tree nested deeper than {@link #MAX_DEPTH} is refused
 * ({@link TreeTooDeep}).
 *
 * <p>Not for concurrent use from many threads at once: calls are serialized.
 */
public final class SourceTransform implements AutoCloseable {
    /**
     * The deepest a tree may nest, in levels of its JSON form (nodes and lists): far beyond written code
     * (Python's standard library reaches about 60) and within what Jackson reads (1000). The tools
     * interpreter's stack, which the policy's {@code recursionDepth} sizes, may stop a shallower tree
     * ({@code ast.unparse} needs several frames a level); that too is a {@link TreeTooDeep}.
     */
    public static final int MAX_DEPTH = 500;

    private final Language language;
    private final List<Transform> transforms;
    private final AstTools tools;
    private final Map<Transform, Integer> loaded = new IdentityHashMap<>();

    private SourceTransform(Builder options) {
        this.language = options.language;
        this.transforms = List.copyOf(options.transforms);
        this.tools = new AstTools(options.runtime, language, options.output, options.timeLimit);
    }

    public static Builder builder(Interpreters runtime, Language language) {
        return new Builder(runtime, language);
    }

    public Language language() {
        return language;
    }

    public List<Transform> transforms() {
        return transforms;
    }

    /**
     * Parses {@code source}, runs every transform in order, and returns the result, printed and (Python)
     * compiled with the positions of untouched code kept.
     *
     * @throws SourceSyntaxError  the source does not parse
     * @throws TransformRefused   a checking transform refused the program
     * @throws TreeNotPrintable   a step made a tree that prints as another program
     * @throws TreeTooDeep        the program, or a step's tree, is nested too deeply
     * @throws TransformException a transform failed or returned something that is not a tree
     */
    public synchronized TransformedSource apply(String source, String sourceName) {
        rewrite(source, sourceName);
        String text = tools.unparse();
        List<String> results = transforms.stream().map(SourceTransform::resultVariable).flatMap(Optional::stream).toList();
        return language == Language.PYTHON
                ? TransformedSource.compiled(sourceName, source, text, tools.compile(), results)
                : TransformedSource.printed(language, sourceName, source, text, tools.runnable(), results);
    }

    /** Like {@link #apply}, but only prints the result (Python: without compiling it, which costs about as much as printing). */
    public synchronized String applyToSource(String source, String sourceName) {
        rewrite(source, sourceName);
        return tools.unparse();
    }

    /** Like {@link #apply}, but returns the rewritten tree in its JSON form. */
    public synchronized JsonNode applyToTree(String source, String sourceName) {
        rewrite(source, sourceName);
        return tools.tree();
    }

    /** The JSON form of {@code source}'s tree, no transform applied. */
    public synchronized JsonNode parse(String source, String sourceName) {
        tools.parse(source, sourceName);
        return tools.tree();
    }

    /**
     * {@code tree} (JSON form) printed as source.
     *
     * @throws TreeNotPrintable the printed source parses to another tree
     */
    public synchronized String unparse(JsonNode tree) {
        tools.load(tree, null);
        tools.verify();
        return tools.unparse();
    }

    /**
     * For round-trip checks: parses {@code source}, sends its tree to the host as JSON text, builds the
     * tree again from {@code json} (what the host made of that text), and says why it does not equal the
     * parsed tree (positions included), or why printing and parsing it again changes it; null when
     * neither.
     */
    public synchronized String roundTripProblem(String source, String sourceName, java.util.function.UnaryOperator<JsonNode> json) {
        tools.parse(source, sourceName);
        tools.load(json.apply(tools.tree()), "round trip");
        return tools.differsFrom(source);
    }

    /** Parses, then applies each transform; every tree on the way is verified to print as itself. */
    private void rewrite(String source, String sourceName) {
        tools.parse(source, sourceName);
        tools.verify();
        for (Transform transform : transforms) {
            switch (transform) {
                case GuestTransform guest -> tools.apply(loaded.computeIfAbsent(guest, t -> tools.loadGuest(guest)), guest.name(), sourceName, true);
                case BuiltinTransform builtin -> tools.apply(loaded.computeIfAbsent(builtin, t -> tools.loadBuiltin(builtin)), builtin.name(), sourceName, false);
                case JsonTreeTransform java -> {
                    JsonNode result;
                    try {
                        result = java.function().apply(tools.tree());
                    } catch (RuntimeException e) {
                        throw new TransformException(java.name(), "raised " + e);
                    }
                    if (result == null) {
                        throw new TransformException(java.name(), "returned null, not a tree");
                    }
                    tools.load(result, java.name());
                }
            }
            tools.verify();
        }
    }

    private static Optional<String> resultVariable(Transform transform) {
        return transform instanceof BuiltinTransform builtin ? builtin.resultVariable() : Optional.empty();
    }

    /** Closes the tools interpreter. */
    @Override
    public synchronized void close() {
        tools.close();
    }

    /** Collects the transforms of a chain, in the order they apply. */
    public static final class Builder {
        private final Interpreters runtime;
        private final Language language;
        private final List<Transform> transforms = new ArrayList<>();
        private OutputStream output = System.err;
        private Duration timeLimit;

        private Builder(Interpreters runtime, Language language) {
            this.runtime = runtime;
            this.language = language;
        }

        /**
         * Adds {@code transform} after the ones added so far.
         *
         * @throws TransformException a guest transform written in another language
         */
        public Builder then(Transform transform) {
            if (transform instanceof GuestTransform guest && guest.language() != language) {
                throw new TransformException(guest.name(), "is a " + guest.language().id() + " transform; it cannot rewrite "
                        + language.id() + " code");
            }
            transforms.add(transform);
            return this;
        }

        /** Where the transforms' own output (print, console.log) goes; default: the host's standard error. */
        public Builder output(OutputStream output) {
            this.output = output;
            return this;
        }

        /**
         * A time limit for each step (parse, each transform, printing), over the runtime policy's; a step
         * past it throws {@link dev.subinterp.interpreter.TimeLimitExceeded} and the chain is closed.
         */
        public Builder timeLimit(Duration limit) {
            this.timeLimit = limit;
            return this;
        }

        /** Starts the tools interpreter (a few hundred milliseconds for Python on a warm runtime). */
        public SourceTransform build() {
            return new SourceTransform(this);
        }
    }
}
