package dev.subinterp.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Language;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A program after its transforms: the rewritten source, and how to run it so that errors still point at
 * the original lines. Python runs the compiled tree (every untouched node keeps its position; inserted
 * code carries the position of the code it guards). JavaScript runs the printed source, in which each
 * top-level statement starts on its original line (lines inside a rewritten function may move).
 */
public final class TransformedSource {
    private final Language language;
    private final String sourceName;
    private final String originalSource;
    private final String source;
    private final byte[] compiled;          // Python: what runs
    private final String runnableSource;    // JS: what runs
    private final List<String> resultVariables;

    private TransformedSource(Language language, String sourceName, String originalSource, String source, byte[] compiled,
                              String runnableSource, List<String> resultVariables) {
        this.language = language;
        this.sourceName = sourceName;
        this.originalSource = originalSource;
        this.source = source;
        this.compiled = compiled;
        this.runnableSource = runnableSource;
        this.resultVariables = List.copyOf(resultVariables);
    }

    static TransformedSource compiled(String sourceName, String originalSource, String source, byte[] code, List<String> results) {
        return new TransformedSource(Language.PYTHON, sourceName, originalSource, source, code, null, results);
    }

    static TransformedSource printed(Language language, String sourceName, String source, String runnableSource, List<String> results) {
        return new TransformedSource(language, sourceName, runnableSource, source, null, runnableSource, results);
    }

    public Language language() {
        return language;
    }

    public String sourceName() {
        return sourceName;
    }

    /** The rewritten program as source text to read (Python: {@code ast.unparse}; JS: escodegen). */
    public String source() {
        return source;
    }

    /**
     * Runs the rewritten program in {@code interpreter}'s {@code __main__} (JS: global scope), like
     * {@link Interpreter#exec(String, String)}, and throws what it throws.
     */
    public void exec(Interpreter interpreter) {
        if (interpreter.language() != language) {
            throw new IllegalArgumentException("a " + language.id() + " program cannot run in " + interpreter);
        }
        if (compiled != null) {
            interpreter.execCompiled(compiled, sourceName, originalSource);
        } else {
            interpreter.exec(runnableSource, sourceName);
        }
    }

    /**
     * What the built-ins gathered while the program ran in {@code interpreter} (also after it failed),
     * by variable: {@code __coverage__} ({@code {"file", "lines": {"LINE": hits}, "calls": {"NAME": n}}})
     * and {@code __printed__} (the printed lines). Empty when no built-in gathers anything.
     */
    public Map<String, JsonNode> results(Interpreter interpreter) {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (String variable : resultVariables) {
            try {
                results.put(variable, interpreter.getMainAttr(variable));
            } catch (NoSuchElementException e) {
                // the program failed before the prelude bound it
            }
        }
        return results;
    }
}
