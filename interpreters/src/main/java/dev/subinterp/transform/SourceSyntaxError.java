package dev.subinterp.transform;

import dev.subinterp.error.ErrorKind;

/** The program to transform does not parse. */
public final class SourceSyntaxError extends TransformException {
    private final String sourceName;
    private final int line;
    private final int column;

    public SourceSyntaxError(String sourceName, int line, int column, String message) {
        super(null, sourceName + ":" + line + ":" + column + ": SyntaxError: " + message, ErrorKind.PROGRAM_REFUSED);
        this.sourceName = sourceName;
        this.line = line;
        this.column = column;
    }

    public String sourceName() {
        return sourceName;
    }

    /** 1-based line, 0 if unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 if unknown. */
    public int column() {
        return column;
    }
}
