package dev.subinterp.transform;

import dev.subinterp.error.ErrorKind;

import java.util.List;
import java.util.stream.Collectors;

/** A checking transform refused the program; {@link #problems()} lists every reason, with its position. */
public final class TransformRefused extends TransformException {
    /** One reason: 1-based line and column (0 when unknown) in the program's source. */
    public record Problem(int line, int column, String message) {
    }

    private final String sourceName;
    private final List<Problem> problems;

    public TransformRefused(String transform, String sourceName, List<Problem> problems) {
        super(transform, "refused " + sourceName + ":\n" + problems.stream()
                .map(p -> "  " + sourceName + ":" + p.line() + ":" + p.column() + ": " + p.message())
                .collect(Collectors.joining("\n")), ErrorKind.PROGRAM_REFUSED);
        this.sourceName = sourceName;
        this.problems = List.copyOf(problems);
    }

    public String sourceName() {
        return sourceName;
    }

    public List<Problem> problems() {
        return problems;
    }
}
