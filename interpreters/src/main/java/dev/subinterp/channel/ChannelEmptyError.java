package dev.subinterp.channel;

import dev.subinterp.error.ErrorKind;

/** {@code recvNowait} found nothing to receive. */
public final class ChannelEmptyError extends ChannelError {
    public ChannelEmptyError(String message) {
        super(message, ErrorKind.WOULD_BLOCK);
    }
}
