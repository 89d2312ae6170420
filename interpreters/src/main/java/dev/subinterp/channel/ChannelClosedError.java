package dev.subinterp.channel;

import dev.subinterp.error.ErrorKind;

/**
 * The queue or channel was closed: by its runtime (which wakes every blocked {@code get}/{@code put}),
 * or for a channel, by one of its ends.
 */
public final class ChannelClosedError extends ChannelError {
    public ChannelClosedError(String message) {
        super(message, ErrorKind.CHANNEL_CLOSED);
    }
}
