package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;
/**
 * Guest code raised an exception that it did not catch (syntax errors included). The interpreter
 * stays usable. {@link #excInfo()} describes the guest exception; the message includes its
 * traceback, as PEP 734's {@code ExecutionFailed} does.
 */
public final class ExecutionFailed extends InterpreterError {
    private final ExcInfo excInfo;

    public ExecutionFailed(ExcInfo excInfo) {
        super(excInfo.formatted() + "\n\nUncaught in the interpreter:\n\n" + excInfo.traceback(), ErrorKind.GUEST_RAISED);
        this.excInfo = excInfo;
    }

    /** What was raised, where, and its formatted traceback. */
    public ExcInfo excInfo() {
        return excInfo;
    }
}
