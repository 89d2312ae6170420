package dev.subinterp.channel;

import dev.subinterp.internal.concurrent.BriefSpin;
import dev.subinterp.internal.concurrent.Deadline;
import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.internal.channel.ChannelMaker;
import dev.subinterp.internal.value.JsonSize;
import dev.subinterp.value.Shareable;
import dev.subinterp.value.SharedHandle;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A FIFO queue of shareable values (PEP 734's {@code Queue}), usable at once from the host and from
 * any interpreter it is handed to. Values are copied on {@code put}: later changes to the sender's
 * object never show in the receiver. Blocking calls wait for a real signal, not by polling.
 *
 * <p>Created by the runtime ({@code Interpreters.createQueue}); a queue outlives the interpreters
 * that put items on it. Closing it (the runtime does, when it closes) wakes every blocked caller with
 * {@link ChannelClosedError}.
 */
public final class Queue implements SharedHandle, AutoCloseable {
    private final long id;
    private final int maxsize;
    private final long maxBytes;
    private long bytes;   // guarded by lock: JsonSize of the items held
    private final ArrayDeque<JsonNode> items = new ArrayDeque<>();
    private volatile int count;   // items.size(), for a waiter spinning outside the lock (see BriefSpin)
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private boolean closed;   // guarded by lock

    static {
        ChannelMaker.install(new Makers());   // queues and channels are made only by a runtime
    }

    /**
     * @param id       the queue's id, unique in its runtime
     * @param maxsize  the most items it holds at once; 0 (or less) means unbounded
     * @param maxBytes the most bytes (see {@link JsonSize}) it holds at once; 0 (or less) means unbounded
     */
    Queue(long id, int maxsize, long maxBytes) {
        this.id = id;
        this.maxsize = Math.max(0, maxsize);
        this.maxBytes = Math.max(0, maxBytes);
    }

    /** The most bytes (of the items' JSON form) the queue holds at once; 0 means unbounded. */
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public long id() {
        return id;
    }

    /** The most items the queue holds at once; 0 means unbounded. */
    public int maxsize() {
        return maxsize;
    }

    /** Adds a copy of {@code value}, waiting as long as it takes for room. */
    public void put(Object value) throws InterruptedException {
        put(value, null);
    }

    /**
     * Adds a copy of {@code value}, waiting at most {@code timeout} (null: as long as it takes) for room.
     *
     * @throws QueueFull no room was made in time
     */
    public void put(Object value, Duration timeout) throws InterruptedException {
        JsonNode copy = Shareable.fromJava(value);
        long size = sizeIfLimited(copy);
        Deadline deadline = Deadline.after(timeout);
        lock.lockInterruptibly();
        try {
            while (isFull() || !hasRoomFor(size)) {
                ensureOpen();
                if (!deadline.await(notFull)) {
                    throw new QueueFull("queue " + id + " stayed full for " + Deadline.describe(timeout));
                }
            }
            ensureOpen();
            add(copy, size);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a copy of {@code value} if there is room now.
     *
     * @throws QueueFull the queue is full
     */
    public void putNowait(Object value) {
        JsonNode copy = Shareable.fromJava(value);
        long size = sizeIfLimited(copy);
        lock.lock();
        try {
            ensureOpen();
            if (isFull()) {
                throw new QueueFull("queue " + id + " is full (maxsize " + maxsize + ")");
            }
            if (!hasRoomFor(size)) {
                throw new QueueFull("queue " + id + " holds " + bytes + " bytes; one more item of " + size
                        + " would pass its byte limit of " + maxBytes);
            }
            add(copy, size);
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the oldest item, waiting as long as it takes for one. */
    public JsonNode get() throws InterruptedException {
        return get(null);
    }

    /**
     * Removes and returns the oldest item, waiting at most {@code timeout} (null: as long as it takes).
     * Items put before the queue was closed are still handed out.
     *
     * @throws QueueEmpty nothing arrived in time
     */
    public JsonNode get(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        BriefSpin.until(() -> count > 0);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                ensureOpen();
                if (!deadline.await(notEmpty)) {
                    throw new QueueEmpty("nothing arrived on queue " + id + " within " + Deadline.describe(timeout));
                }
            }
            return remove();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the oldest item if there is one now.
     *
     * @throws QueueEmpty the queue is empty
     */
    public JsonNode getNowait() {
        lock.lock();
        try {
            if (items.isEmpty()) {
                ensureOpen();
                throw new QueueEmpty("queue " + id + " is empty");
            }
            return remove();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts back, first in line, an item this queue handed out that never reached its taker (the worker
     * process it was sent to ended first). It was in the queue before, so neither its limits nor a close
     * since keep it out.
     */
    void giveBack(JsonNode item) {
        lock.lock();
        try {
            bytes += maxBytes > 0 ? JsonSize.of(item) : 0;
            items.addFirst(item);
            count = items.size();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the queue holds no items right now. */
    public boolean empty() {
        return qsize() == 0;
    }

    /** Whether the queue holds {@code maxsize} items right now (never, if unbounded). */
    public boolean full() {
        lock.lock();
        try {
            return isFull();
        } finally {
            lock.unlock();
        }
    }

    /** How many items the queue holds right now. */
    public int qsize() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every blocked caller with {@link ChannelClosedError}; later calls fail the same way. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Queue[id=" + id + ", maxsize=" + maxsize + "]";
    }

    private boolean isFull() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /** The size of {@code item} when the queue has a byte limit (checking it can ever fit), else 0. */
    private long sizeIfLimited(JsonNode item) {
        if (maxBytes == 0) {
            return 0;
        }
        long size = JsonSize.of(item);
        if (size > maxBytes) {
            throw new QueueFull("an item of about " + size + " bytes can never fit in queue " + id
                    + ": its byte limit is " + maxBytes + " (the sandbox policy's limits.queueBytes)");
        }
        return size;
    }

    private boolean hasRoomFor(long size) {
        return maxBytes == 0 || bytes + size <= maxBytes;
    }

    private void add(JsonNode value, long size) {
        bytes += size;
        items.addLast(value);
        count = items.size();
        notEmpty.signal();
    }

    private JsonNode remove() {
        JsonNode value = items.removeFirst();
        count = items.size();
        if (maxBytes > 0) {
            bytes -= JsonSize.of(value);
            notFull.signalAll();   // a smaller waiting item may fit where a larger one does not
        } else {
            notFull.signal();
        }
        return value;
    }

    private void ensureOpen() {
        if (closed) {
            throw new ChannelClosedError("queue " + id + " is closed");
        }
    }
}
