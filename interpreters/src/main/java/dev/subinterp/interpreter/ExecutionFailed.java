package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;

/**
 * Guest code raised an exception that it did not catch (syntax errors included). The interpreter
 * stays usable. The message is one line, what was raised and where
 * ({@code ZeroDivisionError: division by zero at <string>:3}), fit for a log line; {@link #excInfo()}
 * describes the guest exception, its traceback included (PEP 734's {@code ExecutionFailed.excinfo}).
 */
public final class ExecutionFailed extends InterpreterError {
    private final ExcInfo excInfo;

    public ExecutionFailed(ExcInfo excInfo) {
        super(oneLine(excInfo), ErrorKind.GUEST_RAISED);
        this.excInfo = excInfo;
    }

    /** What was raised, where, and its formatted traceback. */
    public ExcInfo excInfo() {
        return excInfo;
    }

    private static String oneLine(ExcInfo info) {
        String message = info.message() == null ? "" : info.message().lines().findFirst().orElse("").strip();
        String what = message.isEmpty() ? info.type() : info.type() + ": " + message;
        if (info.sourceName() == null || info.line() <= 0) {
            return what;
        }
        return what + " at " + info.sourceName() + ":" + info.line();
    }
}
