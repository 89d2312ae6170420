package dev.subinterp.service;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/** A command's standard input: what the client sends, in order, until it says its input ended. */
final class StdinPipe extends InputStream {
    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    void feed(byte[] bytes) {
        if (bytes.length > 0) {
            chunks.add(bytes);
        }
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
                current = chunks.take();
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
