package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;
/**
 * The guest asked its interpreter to exit (Python's {@code sys.exit(n)} reaching the top level).
 * The interpreter is closed afterwards.
 */
public final class InterpreterExited extends InterpreterError {
    private final int status;

    public InterpreterExited(int interpreterId, int status) {
        super("interpreter " + interpreterId + " exited with status " + status, ErrorKind.EXITED);
        this.status = status;
    }

    /** The exit status the guest asked for. */
    public int status() {
        return status;
    }
}
