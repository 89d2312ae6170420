package dev.subinterp.channel;

import dev.subinterp.error.ErrorKind;

/** {@code putNowait} on a full queue, or {@code put} whose timeout passed with no room made. */
public final class QueueFull extends ChannelError {
    public QueueFull(String message) {
        super(message, ErrorKind.WOULD_BLOCK);
    }
}
