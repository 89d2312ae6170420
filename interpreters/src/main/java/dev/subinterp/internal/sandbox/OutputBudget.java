package dev.subinterp.internal.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes an interpreter writes to stdout and stderr together during one call. Past the
 * limit, bytes are dropped and {@code onExceeded} runs once, so that the runtime stops the call. The
 * guest sees no write error: an error would leave its stdout object broken for the calls after.
 */
public final class OutputBudget {
    private final long limit;
    private final Runnable onExceeded;
    private final AtomicLong used = new AtomicLong();
    private volatile boolean exceeded;

    /**
     * @param limit      bytes allowed per call
     * @param onExceeded runs on the writing thread the first time a call goes past the limit
     */
    public OutputBudget(long limit, Runnable onExceeded) {
        this.limit = limit;
        this.onExceeded = onExceeded;
    }

    /** The bytes allowed per call. */
    public long limit() {
        return limit;
    }

    /** Starts counting a new call. */
    public void reset() {
        used.set(0);
        exceeded = false;
    }

    /** Whether the current call went past the limit. */
    public boolean exceeded() {
        return exceeded;
    }

    /** {@code target}, counted against this budget. */
    public OutputStream wrap(OutputStream target) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                long before = used.getAndAdd(len);
                long room = Math.max(0, limit - before);
                if (room >= len) {
                    target.write(b, off, len);
                    return;
                }
                if (room > 0) {
                    target.write(b, off, (int) room);
                }
                target.flush();
                if (!exceeded) {
                    exceeded = true;
                    onExceeded.run();
                }
            }

            @Override
            public void flush() throws IOException {
                target.flush();
            }
        };
    }
}
