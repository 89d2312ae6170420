package dev.subinterp.channel;

import dev.subinterp.value.SharedHandle;

import java.time.Duration;

/** The sending end of a {@link Channel}; shareable with any interpreter. */
public final class SendChannel implements SharedHandle, AutoCloseable {
    private final Channel channel;

    SendChannel(Channel channel) {
        this.channel = channel;
    }

    /** The channel's id. */
    @Override
    public long id() {
        return channel.id();
    }

    /**
     * Sends a copy of {@code value} and waits until it has been received.
     *
     * @throws ChannelClosedError the channel is closed, or its receiving end closed before receipt
     */
    public void send(Object value) throws InterruptedException {
        channel.send(value, null);
    }

    /**
     * Sends a copy of {@code value} and waits at most {@code timeout} for it to be received; if it was
     * not, it is taken back.
     *
     * @throws ChannelTimeoutError nothing received it in time
     */
    public void send(Object value, Duration timeout) throws InterruptedException {
        channel.send(value, timeout);
    }

    /** Queues a copy of {@code value} for the receiver and returns at once. */
    public void sendNowait(Object value) {
        channel.sendNowait(value);
    }

    /** Sends a copy of {@code bytes} and waits until they have been received. */
    public void sendBuffer(byte[] bytes) throws InterruptedException {
        send(bytes);
    }

    /** Queues a copy of {@code bytes} for the receiver and returns at once. */
    public void sendBufferNowait(byte[] bytes) {
        sendNowait(bytes);
    }

    /**
     * Whether nothing more can be sent: this end has been closed (by itself or by the runtime), or the
     * receive end has (CPython's {@code SendChannel.is_closed}: closed or closing).
     */
    public boolean isClosed() {
        return channel.isSendClosed() || channel.isRecvClosed();
    }

    /** Closes this end: receivers take what was sent, then fail with {@link ChannelClosedError}. Idempotent. */
    @Override
    public void close() {
        channel.closeSendEnd();
    }

    @Override
    public String toString() {
        return "SendChannel[id=" + id() + "]";
    }
}
