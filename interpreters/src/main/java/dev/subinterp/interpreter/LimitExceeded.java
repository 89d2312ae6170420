package dev.subinterp.interpreter;

/**
 * A limit other than time was reached: statements, output ({@link OutputLimitExceeded}), or memory
 * and stack as reported by GraalVM. CLI exit 125.
 */
public class LimitExceeded extends InterpreterError {
    public LimitExceeded(String message) {
        super(message);
    }
}
