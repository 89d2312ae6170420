package dev.subinterp.service;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A command's standard input, read from the client on demand: when a reader finds nothing buffered,
 * the pipe asks the client for more (one {@link Frames#WANT}) and waits. So the client reads its own
 * standard input only when the guest does, as an in-process run would, and at most one chunk is
 * buffered here.
 */
final class StdinPipe extends InputStream {
    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final Runnable askForMore;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    /** @param askForMore sends a WANT to the client; called at most once per chunk the pipe waits for */
    StdinPipe(Runnable askForMore) {
        this.askForMore = askForMore;
    }

    /** What the client read for the last WANT (an empty chunk is nothing yet: ask again). */
    void feed(byte[] bytes) {
        chunks.add(bytes);
    }

    /** No more input: readers get end of file once they have read what came before. */
    void end() {
        chunks.add(END);
    }

    @Override
    public synchronized int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended) {
                return -1;
            }
            try {
                byte[] next = chunks.poll();
                if (next == null) {
                    askForMore.run();
                    next = chunks.take();
                }
                current = next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            position = 0;
            if (current == END) {
                ended = true;
                current = new byte[0];
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, bytes, offset, count);
        position += count;
        return count;
    }

    @Override
    public synchronized int available() {
        return current.length - position;
    }
}
