package dev.subinterp.cli;

import dev.subinterp.interpreter.LimitExceeded;
import dev.subinterp.interpreter.TimeLimitExceeded;
import dev.subinterp.policy.Durations;

/** The exit codes of {@code runner}, the contract scripts rely on. */
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

    /** What to tell the user when the time limit stopped the guest: "time limit of 2s reached". */
    static String describe(TimeLimitExceeded e) {
        return "time limit of " + Durations.format(e.limit()) + " reached";
    }

    /** What to tell the user when another limit stopped the guest. */
    static String describe(LimitExceeded e) {
        return "limit reached: " + e.getMessage();
    }

    private ExitCodes() {
    }
}
