package dev.subinterp.transform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A transform that comes with the runner, for Python and JavaScript alike. Two check the program and
 * refuse it with every problem listed by line ({@link TransformRefused}); three rewrite it:
 * <ul>
 *   <li>{@code import-allowlist}: only imports of the listed modules (and their submodules);
 *       also refuses what imports or builds code dynamically ({@code __import__}, {@code eval}, ...).</li>
 *   <li>{@code dunder-guard}: no {@code __class__}, {@code __subclasses__}, {@code __globals__},
 *       {@code __builtins__} ... (JS: {@code __proto__}, {@code constructor}, {@code Function} ...).</li>
 *   <li>{@code loop-budget}: a counter in every loop and function entry; past the limit the program
 *       gets {@code LoopBudgetExceeded} at the loop that spent it.</li>
 *   <li>{@code coverage}: per-line hit counts and per-function call counts, as JSON, after the run.</li>
 *   <li>{@code print-capture}: {@code print} (JS: {@code console.log}, {@code print}) into a list, after the run.</li>
 * </ul>
 *
 * @param name    one of {@link #NAMES}
 * @param options the built-in's options as JSON ({@code {"allow": [...]}}, {@code {"limit": N}})
 */
public record BuiltinTransform(String name, ObjectNode options) implements Transform {
    public static final List<String> NAMES = List.of("import-allowlist", "dunder-guard", "loop-budget", "coverage", "print-capture");
    /** How the command line writes them (see {@link #parse}). */
    public static final String SPECS = "import-allowlist[=MOD,...], dunder-guard, loop-budget[=N], coverage, print-capture";

    /** Only imports of {@code modules} (Python: and their submodules). */
    public static BuiltinTransform importAllowList(Collection<String> modules) {
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        modules.forEach(options.putArray("allow")::add);
        return new BuiltinTransform("import-allowlist", options);
    }

    /**
     * Python: the default allow-list (pure-computation standard modules: math, json, re, collections,
     * datetime, ...). JS: nothing may be imported.
     */
    public static BuiltinTransform importAllowList() {
        return new BuiltinTransform("import-allowlist", JsonNodeFactory.instance.objectNode());
    }

    public static BuiltinTransform dunderGuard() {
        return new BuiltinTransform("dunder-guard", JsonNodeFactory.instance.objectNode());
    }

    /** At most {@code limit} loop iterations and function entries in all. */
    public static BuiltinTransform loopBudget(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("loop-budget: the limit must be >= 0, not " + limit);
        }
        return new BuiltinTransform("loop-budget", JsonNodeFactory.instance.objectNode().put("limit", limit));
    }

    /** Python and JS default: 1,000,000. */
    public static BuiltinTransform loopBudget() {
        return new BuiltinTransform("loop-budget", JsonNodeFactory.instance.objectNode());
    }

    public static BuiltinTransform coverage() {
        return new BuiltinTransform("coverage", JsonNodeFactory.instance.objectNode());
    }

    public static BuiltinTransform printCapture() {
        return new BuiltinTransform("print-capture", JsonNodeFactory.instance.objectNode());
    }

    /** Whether {@code spec} names a built-in ({@code NAME} or {@code NAME=ARGUMENT}). */
    public static boolean isBuiltin(String spec) {
        return NAMES.contains(spec.split("=", 2)[0]);
    }

    /**
     * The built-in {@code spec} names: {@code NAME}, or {@code import-allowlist=MODULE,MODULE...},
     * {@code loop-budget=LIMIT}.
     *
     * @throws TransformException an unknown name, or an argument the built-in does not take
     */
    public static BuiltinTransform parse(String spec) {
        String[] parts = spec.split("=", 2);
        String name = parts[0];
        Optional<String> argument = parts.length == 2 ? Optional.of(parts[1]) : Optional.empty();
        return switch (name) {
            case "import-allowlist" -> argument.map(modules -> importAllowList(
                    Arrays.stream(modules.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList()))
                    .orElseGet(BuiltinTransform::importAllowList);
            case "loop-budget" -> argument.map(BuiltinTransform::loopBudgetOf).orElseGet(BuiltinTransform::loopBudget);
            case "dunder-guard", "coverage", "print-capture" -> {
                if (argument.isPresent()) {
                    throw new TransformException(name, "takes no argument (got '" + argument.get() + "')");
                }
                yield new BuiltinTransform(name, JsonNodeFactory.instance.objectNode());
            }
            default -> throw new TransformException(name, "is not a built-in transform; the built-ins are " + String.join(", ", NAMES));
        };
    }

    private static BuiltinTransform loopBudgetOf(String limit) {
        try {
            return loopBudget(Long.parseLong(limit.replace("_", "")));
        } catch (IllegalArgumentException e) {
            throw new TransformException("loop-budget", "the limit must be a whole number >= 0, not '" + limit + "'");
        }
    }

    /** The variable of {@code __main__} (JS: global) that holds what this built-in gathered during the run, if any. */
    public Optional<String> resultVariable() {
        return switch (name) {
            case "coverage" -> Optional.of("__coverage__");
            case "print-capture" -> Optional.of("__printed__");
            default -> Optional.empty();
        };
    }
}
