package dev.subinterp.cli;

import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.TimeLimitExceeded;
import dev.subinterp.policy.Durations;

/** The exit codes of {@code runner}, the contract scripts rely on, and the one table from error kinds to them. */
final class ExitCodes {
    static final int OK = 0;
    /** The guest raised an exception it did not catch. */
    static final int GUEST_ERROR = 1;
    /** Bad usage or configuration (unknown option, unreadable file, bad policy). */
    static final int USAGE = 2;
    /** The time limit was reached. */
    static final int TIME_LIMIT = 124;
    /** Another limit was reached. */
    static final int OTHER_LIMIT = 125;

    /**
     * The exit code for an error of {@code kind}, for every command ({@code runner exec} exits with the
     * guest's own status instead for {@link ErrorKind#EXITED}; {@code runner transform} uses
     * {@link #ofTransformStep}).
     */
    static int of(ErrorKind kind) {
        return switch (kind) {
            case GUEST_RAISED, PROGRAM_REFUSED, EXITED, CRASHED, CLOSED, CANCELLED, CHANNEL_CLOSED, WOULD_BLOCK, INTERNAL -> GUEST_ERROR;
            case USAGE, CONFIGURATION, NOT_SHAREABLE, TRANSFORM_FAILED -> ExitCodes.USAGE;
            case TIME_LIMIT -> ExitCodes.TIME_LIMIT;
            case OUTPUT_LIMIT, MEMORY, RESOURCE_LIMIT -> OTHER_LIMIT;
        };
    }

    /**
     * The exit code of {@code runner transform} for an error of {@code kind}: as {@link #of}, except that
     * the transform tools' own failures (their interpreter raised, exited, was closed or failed) are the
     * transform's failure, a usage error; only the program's own fault ({@link ErrorKind#PROGRAM_REFUSED}) exits 1.
     */
    static int ofTransformStep(ErrorKind kind) {
        return switch (kind) {
            case GUEST_RAISED, EXITED, CRASHED, CLOSED, CANCELLED, CHANNEL_CLOSED, WOULD_BLOCK, INTERNAL -> ExitCodes.USAGE;
            default -> of(kind);
        };
    }

    /**
     * What to tell the user about {@code error}: "time limit of 2s reached", "limit reached: " and the
     * message for another limit, else the message.
     */
    static String describe(RuntimeException error) {
        return switch (ErrorKind.of(error)) {
            case TIME_LIMIT -> "time limit of " + Durations.format(((TimeLimitExceeded) error).limit()) + " reached";
            case OUTPUT_LIMIT, MEMORY, RESOURCE_LIMIT -> "limit reached: " + error.getMessage();
            default -> error.getMessage();
        };
    }

    private ExitCodes() {
    }
}
