package dev.subinterp.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.value.SharedHandle;

import java.time.Duration;

/** The receiving end of a {@link Channel}; shareable with any interpreter. */
public final class RecvChannel implements SharedHandle, AutoCloseable {
    private final Channel channel;

    RecvChannel(Channel channel) {
        this.channel = channel;
    }

    /** The channel's id. */
    @Override
    public long id() {
        return channel.id();
    }

    /**
     * Takes the oldest value sent, waiting as long as it takes.
     *
     * @throws ChannelClosedError the channel is closed (for a closed send end: once all was taken)
     */
    public JsonNode recv() throws InterruptedException {
        return channel.recv(null);
    }

    /**
     * Takes the oldest value sent, waiting at most {@code timeout} (null: as long as it takes).
     *
     * @throws ChannelTimeoutError nothing arrived in time
     */
    public JsonNode recv(Duration timeout) throws InterruptedException {
        return channel.recv(timeout);
    }

    /**
     * Takes the oldest value sent if there is one now.
     *
     * @throws ChannelEmptyError nothing has been sent
     */
    public JsonNode recvNowait() {
        return channel.recvNowait();
    }

    /**
     * Whether nothing more can be received: this end has been closed (by itself or by the runtime), or
     * the send end has and everything sent has been taken (CPython's {@code RecvChannel.is_closed}).
     */
    public boolean isClosed() {
        return channel.isClosed();
    }

    /** Closes this end: senders, blocked or not, fail with {@link ChannelClosedError}. Idempotent. */
    @Override
    public void close() {
        channel.closeRecvEnd();
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "RecvChannel[id=" + id() + "]";
    }
}
