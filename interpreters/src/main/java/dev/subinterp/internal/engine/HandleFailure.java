package dev.subinterp.internal.engine;

import dev.subinterp.internal.engine.GuestProtocol.Status;

/** An operation of a {@link ForwardedHandle} failed where the handle lives; {@link #status} says how. */
public final class HandleFailure extends RuntimeException {
    public final Status status;

    public HandleFailure(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
