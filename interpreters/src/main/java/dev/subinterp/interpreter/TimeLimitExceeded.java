package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;
import java.time.Duration;

/**
 * A call ran past its time limit and was interrupted. The interpreter stays usable unless the guest
 * refused to stop, in which case it was cancelled and is now closed.
 */
public final class TimeLimitExceeded extends InterpreterError {
    private final Duration limit;

    public TimeLimitExceeded(int interpreterId, Duration limit) {
        super("interpreter " + interpreterId + " exceeded its time limit of " + limit.toMillis() + " ms", ErrorKind.TIME_LIMIT);
        this.limit = limit;
    }

    /** The limit that was exceeded. */
    public Duration limit() {
        return limit;
    }
}
