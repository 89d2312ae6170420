package dev.subinterp.channel;

/** {@code recvNowait} found nothing to receive. */
public final class ChannelEmptyError extends ChannelError {
    public ChannelEmptyError(String message) {
        super(message);
    }
}
