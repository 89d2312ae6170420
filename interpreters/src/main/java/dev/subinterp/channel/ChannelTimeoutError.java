package dev.subinterp.channel;

import dev.subinterp.error.ErrorKind;

/** A channel {@code recv} or {@code send} waited as long as it was allowed to. */
public final class ChannelTimeoutError extends ChannelError {
    public ChannelTimeoutError(String message) {
        super(message, ErrorKind.WOULD_BLOCK);
    }
}
