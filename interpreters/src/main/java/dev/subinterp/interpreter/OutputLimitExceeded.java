package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;
/** A call wrote more to stdout and stderr than the policy's {@code limits.outputBytes} allows; CLI exit 125. */
public final class OutputLimitExceeded extends LimitExceeded {
    private final long limit;

    public OutputLimitExceeded(int interpreterId, long limit) {
        super("interpreter " + interpreterId + " wrote more than " + limit + " bytes of output in one call (the sandbox policy's limits.outputBytes)",
                ErrorKind.OUTPUT_LIMIT);
        this.limit = limit;
    }

    /** The limit that was exceeded, in bytes. */
    public long limit() {
        return limit;
    }
}
