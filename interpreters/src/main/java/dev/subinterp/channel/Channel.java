package dev.subinterp.channel;

import dev.subinterp.internal.concurrent.Deadline;
import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.value.Shareable;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-way channel between interpreters (PEP 554's channels): a {@link SendChannel} end and a
 * {@link RecvChannel} end, each of which can be handed to any interpreter. {@code send} waits until
 * its value has been received; {@code sendNowait} only queues it. Values are copied on send. For a
 * two-way pipe, use two channels.
 *
 * <p>Closing the send end lets receivers take what was already sent, then fails them with
 * {@link ChannelClosedError}; closing the receive end fails senders at once. The runtime closes both.
 */
public final class Channel implements AutoCloseable {
    private final long id;
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Condition taken = lock.newCondition();
    private volatile boolean sendClosed;   // written under lock; read without it by isClosed()
    private volatile boolean recvClosed;
    private final RecvChannel recvEnd = new RecvChannel(this);
    private final SendChannel sendEnd = new SendChannel(this);

    Channel(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    /** The end that receives. */
    public RecvChannel recvEnd() {
        return recvEnd;
    }

    /** The end that sends. */
    public SendChannel sendEnd() {
        return sendEnd;
    }

    /** Closes both ends: every blocked sender and receiver wakes with {@link ChannelClosedError}. */
    @Override
    public void close() {
        closeSendEnd();
        closeRecvEnd();
    }

    /**
     * Whether nothing more will pass: the receive end is closed, or the send end is and everything sent
     * has been taken. A channel whose sender closed while values wait is closing, not closed.
     */
    public boolean isClosed() {
        lock.lock();
        try {
            return recvClosed || sendClosed && messages.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Channel[id=" + id + "]";
    }

    void sendNowait(Object value) {
        Message message = new Message(Shareable.fromJava(value));
        lock.lock();
        try {
            enqueue(message);
        } finally {
            lock.unlock();
        }
    }

    void send(Object value, Duration timeout) throws InterruptedException {
        Message message = new Message(Shareable.fromJava(value));
        Deadline deadline = Deadline.after(timeout);
        lock.lockInterruptibly();
        try {
            enqueue(message);
            while (!message.received) {
                if (recvClosed) {
                    throw new ChannelClosedError("channel " + id + " was closed before the value was received");
                }
                if (!deadline.await(taken)) {
                    messages.remove(message);
                    throw new ChannelTimeoutError("nothing received the value on channel " + id + " within " + Deadline.describe(timeout));
                }
            }
        } catch (InterruptedException e) {
            if (message.received) {
                Thread.currentThread().interrupt();   // delivered after all: report success, keep the interrupt
                return;
            }
            messages.remove(message);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    JsonNode recv(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        lock.lockInterruptibly();
        try {
            while (messages.isEmpty() || recvClosed) {
                ensureReceivable();
                if (!deadline.await(arrived)) {
                    throw new ChannelTimeoutError("nothing arrived on channel " + id + " within " + Deadline.describe(timeout));
                }
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    JsonNode recvNowait() {
        lock.lock();
        try {
            if (messages.isEmpty() || recvClosed) {
                ensureReceivable();
                throw new ChannelEmptyError("channel " + id + " is empty");
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts back, first in line, a value received that never reached its receiver (the worker process it
     * was sent to ended first); dropped if the receiving end has closed since, as all it held was.
     */
    void giveBack(JsonNode value) {
        lock.lock();
        try {
            if (!recvClosed) {
                Message message = new Message(value);
                message.received = true;   // its sender was told so already
                messages.addFirst(message);
                arrived.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    void closeSendEnd() {
        lock.lock();
        try {
            sendClosed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void closeRecvEnd() {
        lock.lock();
        try {
            recvClosed = true;
            messages.clear();
            arrived.signalAll();
            taken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isSendClosed() {
        return sendClosed;
    }

    boolean isRecvClosed() {
        return recvClosed;
    }

    private void enqueue(Message message) {
        if (sendClosed || recvClosed) {
            throw new ChannelClosedError("channel " + id + " is closed for sending");
        }
        messages.addLast(message);
        arrived.signal();
    }

    /** Fails a receiver that can never get anything: its end closed, or the sender's closed and all was taken. */
    private void ensureReceivable() {
        if (recvClosed) {
            throw new ChannelClosedError("channel " + id + " is closed for receiving");
        }
        if (sendClosed && messages.isEmpty()) {
            throw new ChannelClosedError("channel " + id + " was closed by its sender and is empty");
        }
    }

    private JsonNode take() {
        Message message = messages.removeFirst();
        message.received = true;
        taken.signalAll();
        return message.value;
    }

    private static final class Message {
        final JsonNode value;
        boolean received;   // guarded by the channel's lock

        Message(JsonNode value) {
            this.value = value;
        }
    }
}
