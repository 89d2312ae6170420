package dev.subinterp.channel;

/** Base of the errors of queues and channels (PEP 734's {@code QueueError}). */
public class ChannelError extends RuntimeException {
    public ChannelError(String message) {
        super(message);
    }
}
