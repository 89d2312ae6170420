package dev.subinterp.transform;

import dev.subinterp.internal.transform.AstTools;
import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.ExcInfo;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.InterpreterClosedError;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.NameNotDefined;
import dev.subinterp.value.NotShareableError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program after its transforms: the rewritten source, and how to run it so that errors still point at
 * the original lines. Python runs the compiled tree (every untouched node keeps its position; inserted
 * code carries the position of the code it guards). JavaScript runs the printed source; the position of
 * an uncaught error is mapped back to the original line of the code that raised it (columns are dropped).
 */
public final class TransformedSource {
    private final Language language;
    private final String sourceName;
    private final String originalSource;
    private final String source;
    private final byte[] compiled;          // Python: what runs
    private final String runnableSource;    // JS: what runs
    private final int[] originalLines;      // JS: the original line of each line of runnableSource
    private final List<String> resultVariables;

    private TransformedSource(Language language, String sourceName, String originalSource, String source, byte[] compiled,
                              String runnableSource, int[] originalLines, List<String> resultVariables) {
        this.language = language;
        this.sourceName = sourceName;
        this.originalSource = originalSource;
        this.source = source;
        this.compiled = compiled;
        this.runnableSource = runnableSource;
        this.originalLines = originalLines;
        this.resultVariables = List.copyOf(resultVariables);
    }

    static TransformedSource compiled(String sourceName, String originalSource, String source, byte[] code, List<String> results) {
        return new TransformedSource(Language.PYTHON, sourceName, originalSource, source, code, null, null, results);
    }

    static TransformedSource printed(Language language, String sourceName, String originalSource, String source, AstTools.Runnable runnable,
                                     List<String> results) {
        return new TransformedSource(language, sourceName, originalSource, source, null, runnable.source(), runnable.originalLines(), results);
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

    /** JS: the text that runs (the printed program, parsed again and found equal to the checked tree); Python: null. */
    String runnableSource() {
        return runnableSource;
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
            try {
                interpreter.exec(runnableSource, sourceName);
            } catch (ExecutionFailed e) {
                throw new ExecutionFailed(atOriginalLines(e.excInfo()));
            }
        }
    }

    /** The error with its positions in the printed program replaced by the original lines (columns dropped: they moved). */
    private ExcInfo atOriginalLines(ExcInfo info) {
        if (!sourceName.equals(info.sourceName())) {
            return info;
        }
        Pattern position = Pattern.compile(Pattern.quote(sourceName) + ":(\\d+)(?::\\d+)?");
        int line = originalLine(info.line());
        Matcher frames = position.matcher(info.traceback());
        while (line == 0 && frames.find()) {   // raised in inserted code (line 0): where the user's code called it
            line = originalLine(Integer.parseInt(frames.group(1)));
        }
        String traceback = position.matcher(info.traceback()).replaceAll(m -> {
            int original = originalLine(Integer.parseInt(m.group(1)));
            return Matcher.quoteReplacement(sourceName + (original > 0 ? ":" + original : " (code a transform inserted)"));
        });
        return new ExcInfo(info.type(), info.message(), info.formatted(), traceback, info.sourceName(),
                line, 0, info.typeQualname(), info.typeModule());
    }

    private int originalLine(int printedLine) {
        return printedLine > 0 && printedLine < originalLines.length ? originalLines[printedLine] : 0;
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
            } catch (NameNotDefined | NotShareableError | InterpreterClosedError e) {
                // the program failed before the prelude bound it, replaced it, or ended its interpreter
            }
        }
        return results;
    }
}
