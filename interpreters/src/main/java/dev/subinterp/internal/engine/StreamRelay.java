package dev.subinterp.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Standard streams for an interpreter created before anyone asked for it: they lead nowhere until
 * {@link #connect} points them at the streams of the caller that takes the interpreter.
 */
public final class StreamRelay {
    public final Output out = new Output();
    public final Output err = new Output();
    public final Input in = new Input();

    public void connect(OutputStream stdout, OutputStream stderr, InputStream stdin) {
        out.target = stdout;
        err.target = stderr;
        in.source = stdin;
    }

    public static final class Output extends OutputStream {
        private volatile OutputStream target = OutputStream.nullOutputStream();

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }

    public static final class Input extends InputStream {
        private volatile InputStream source = InputStream.nullInputStream();

        @Override
        public int read() throws IOException {
            return source.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return source.read(bytes, offset, length);
        }

        @Override
        public int available() throws IOException {
            return source.available();
        }
    }
}
