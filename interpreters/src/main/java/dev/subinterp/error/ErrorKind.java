package dev.subinterp.error;

import dev.subinterp.policy.PolicyException;

import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;

/**
 * What kind of thing went wrong, whatever the exception's class: one switch over it decides what to
 * do (an exit code, a counter, whether to replace an interpreter). This library's exceptions say their
 * kind themselves ({@link Classified#kind()}); {@link #of(Throwable)} also knows the few exceptions of
 * others it throws.
 *
 * <pre>{@code
 * try {
 *     interpreter.exec(source);
 * } catch (RuntimeException e) {
 *     switch (ErrorKind.of(e)) {
 *         case GUEST_RAISED -> log(((ExecutionFailed) e).excInfo().traceback());
 *         case TIME_LIMIT, OUTPUT_LIMIT, MEMORY, RESOURCE_LIMIT -> log("stopped: " + e.getMessage());
 *         default -> throw e;
 *     }
 * }
 * }</pre>
 *
 * Of what this library throws, each kind comes only from the classes its line names (a
 * {@code TIME_LIMIT} is always a {@link TimeLimitExceeded}), so casting after the switch is safe;
 * {@link #USAGE}, {@link #CONFIGURATION}, {@link #CANCELLED} and {@link #INTERNAL} also cover
 * exceptions of others.
 */
public enum ErrorKind {
    /** The guest raised an exception it did not catch, syntax errors included ({@link ExecutionFailed}); the interpreter stays usable. */
    GUEST_RAISED,
    /** The program did not run: it does not parse, or a checking transform refused it ({@code SourceSyntaxError}, {@code TransformRefused}). */
    PROGRAM_REFUSED,
    /** The call ran past its time limit and was stopped ({@link TimeLimitExceeded}). */
    TIME_LIMIT,
    /** The call wrote more output than the policy's {@code limits.outputBytes} ({@link OutputLimitExceeded}). */
    OUTPUT_LIMIT,
    /** The Java heap ran (nearly) out and this call was stopped for it; the interpreter is closed ({@link LimitExceeded}). */
    MEMORY,
    /** The statement limit (or the thread's stack) was exhausted; the interpreter is closed ({@link LimitExceeded}). */
    RESOURCE_LIMIT,
    /** The guest asked to exit ({@code sys.exit}), with a status ({@link InterpreterExited}); the interpreter is closed. */
    EXITED,
    /**
     * The worker process of a process-isolated interpreter ended during the call: killed, a JVM crash, or
     * {@code System.exit} from guest code that could reach it ({@link InterpreterCrashed}); the interpreter is closed.
     */
    CRASHED,
    /** The interpreter, its runtime or its pool was closed before or while the call ran ({@link InterpreterClosedError}). */
    CLOSED,
    /** The work was cancelled, or its pool shut down before it ran ({@link CancellationException}). */
    CANCELLED,
    /** A value could not cross between interpreters: only JSON values and bytes do ({@code NotShareableError}). */
    NOT_SHAREABLE,
    /** A queue or channel was closed, by its runtime or by one of its ends ({@code ChannelClosedError}). */
    CHANNEL_CLOSED,
    /** A queue or channel had nothing to take or no room, at once or within the time given ({@code QueueEmpty}, {@code QueueFull}, ...). */
    WOULD_BLOCK,
    /**
     * A bad argument, or a name that is not defined: no such function, variable or plugin
     * ({@link IllegalArgumentException}, {@code NameNotDefined}, {@link NoSuchElementException}, {@code PluginException}).
     */
    USAGE,
    /** A sandbox policy or a plugin manifest that cannot be used ({@link PolicyException}, {@code ManifestException}). */
    CONFIGURATION,
    /** A transform could not be loaded or run, or made a tree that cannot be used ({@code TransformException}). */
    TRANSFORM_FAILED,
    /**
     * Anything else: the runtime, GraalVM or host code called by the guest failed (an {@link InterpreterError}
     * of no other kind), or an exception this library does not know.
     */
    INTERNAL;

    /**
     * An exception that knows its kind: this library's exceptions (and the command line's own) implement it.
     * For this library's classes the kind is fixed when the exception is made.
     */
    public interface Classified {
        /** What kind of error this is. */
        ErrorKind kind();
    }

    /**
     * The kind of {@code error}: its own {@link Classified#kind()}, else the kind of the few exceptions of
     * others this library throws ({@link PolicyException}, {@link IllegalArgumentException},
     * {@link NoSuchElementException}, {@link CancellationException}), else {@link #INTERNAL}. A wrapper
     * (an {@code ExecutionException} from a future) is not looked through: pass its cause.
     */
    public static ErrorKind of(Throwable error) {
        if (error instanceof Classified classified) {
            return classified.kind();
        }
        if (error instanceof PolicyException) {
            return CONFIGURATION;
        }
        if (error instanceof IllegalArgumentException || error instanceof NoSuchElementException) {
            return USAGE;
        }
        if (error instanceof CancellationException) {
            return CANCELLED;
        }
        java.util.Objects.requireNonNull(error, "error");
        return INTERNAL;
    }
}
