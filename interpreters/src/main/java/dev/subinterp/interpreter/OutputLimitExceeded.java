package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;
/** A call wrote more to stdout and stderr than the policy's {@code limits.outputBytes} allows; CLI exit 125. */
public final class OutputLimitExceeded extends LimitExceeded {
    public OutputLimitExceeded(int interpreterId, long limit) {
        super("interpreter " + interpreterId + " wrote more than " + limit + " bytes of output in one call (the sandbox policy's limits.outputBytes)",
                ErrorKind.OUTPUT_LIMIT);
    }
}
