package dev.subinterp.cli;

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

    private ExitCodes() {
    }
}
