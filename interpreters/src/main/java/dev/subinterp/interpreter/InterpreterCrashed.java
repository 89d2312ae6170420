package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;

/**
 * The worker process of a process-isolated interpreter ended while the interpreter was in use: it was
 * killed, the JVM crashed, or guest code that could reach the JVM ended it. The interpreter is closed;
 * no other interpreter, worker, queue or pool task is affected. {@link #exitStatus()} is the worker's
 * exit status as Java reports it (128 + N when signal N killed it).
 */
public final class InterpreterCrashed extends InterpreterError {
    private final int exitStatus;

    public InterpreterCrashed(String message, int exitStatus) {
        super(message, ErrorKind.CRASHED);
        this.exitStatus = exitStatus;
    }

    /** The worker's exit status: 128 + N when signal N killed it. */
    public int exitStatus() {
        return exitStatus;
    }
}
