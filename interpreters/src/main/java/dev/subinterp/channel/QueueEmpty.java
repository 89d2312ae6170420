package dev.subinterp.channel;

import dev.subinterp.error.ErrorKind;

/** {@code getNowait} on an empty queue, or {@code get} whose timeout passed with nothing to take. */
public final class QueueEmpty extends ChannelError {
    public QueueEmpty(String message) {
        super(message, ErrorKind.WOULD_BLOCK);
    }
}
