package dev.subinterp.channel;

import dev.subinterp.error.ErrorKind;

/**
 * Base of the errors of queues and channels (PEP 734's {@code QueueError}). Its {@link #kind()} is
 * {@link ErrorKind#CHANNEL_CLOSED} or {@link ErrorKind#WOULD_BLOCK} for each subclass; a plain
 * {@code ChannelError} is {@link ErrorKind#INTERNAL}.
 */
public class ChannelError extends RuntimeException implements ErrorKind.Classified {
    private final ErrorKind kind;

    public ChannelError(String message) {
        this(message, ErrorKind.INTERNAL);
    }

    ChannelError(String message, ErrorKind kind) {
        super(message);
        this.kind = kind;
    }

    @Override
    public final ErrorKind kind() {
        return kind;
    }
}
