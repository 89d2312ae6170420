package dev.subinterp.channel;

import dev.subinterp.value.SharedHandle;

import java.nio.ByteBuffer;

/**
 * Bytes that several interpreters map instead of copying: CPython's opt-in sharing (a memoryview's
 * buffer, {@code send_buffer}), fixed in size and made explicitly with
 * {@code Interpreters.createSharedBuffer(size)}. It crosses like a queue, by reference (through
 * {@code prepareMain}, call arguments, queues and channels). JavaScript sees a {@code Uint8Array} over
 * the same memory, Java a {@link ByteBuffer}; writes are seen by every holder at once, and guarding them
 * (with a queue, a channel or a lock of the host's) is the users' job, as in CPython. GraalPy 25.0
 * cannot map host memory into Python, so a Python interpreter gets a copy, with a one-line warning on
 * its standard error the first time. It does not cross into a worker process.
 */
public final class SharedBuffer implements SharedHandle {
    private final long id;
    private final ByteBuffer memory;

    SharedBuffer(long id, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("a shared buffer's size must be 0 or more, not " + size);
        }
        this.id = id;
        this.memory = ByteBuffer.allocateDirect(size);
    }

    @Override
    public long id() {
        return id;
    }

    /** Its size in bytes, fixed. */
    public int size() {
        return memory.capacity();
    }

    /** A view of the shared bytes (its own position and limit; the same memory). */
    public ByteBuffer byteBuffer() {
        return memory.duplicate();
    }

    /** A copy of the bytes as they are now. */
    public byte[] toByteArray() {
        byte[] copy = new byte[memory.capacity()];
        memory.duplicate().clear().get(copy);
        return copy;
    }

    @Override
    public String toString() {
        return "SharedBuffer[id=" + id + ", size=" + size() + "]";
    }
}
