package dev.subinterp.service;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The wire format between client and service: frames of one type byte, a length and that many
 * bytes. Writes are whole frames (synchronized on the stream), so guest threads can share one.
 */
final class Frames {
    // client -> service
    static final byte RUN = 'R';          // payload: a Request
    static final byte STDIN = 'I';        // bytes the client read from its standard input, after a WANT
    static final byte STDIN_END = 'E';    // its standard input ended
    static final byte INTERRUPT = 'C';    // the user pressed Ctrl-C
    static final byte STATUS = 'S';
    static final byte STOP = 'Q';
    // service -> client
    static final byte ACCEPTED = 'A';     // the command runs: interrupts go to it now
    static final byte WANT = 'W';         // the command reads its standard input: read once (up to CHUNK bytes) and send it
    static final byte STDOUT = 'O';
    static final byte STDERR = 'e';
    static final byte EXIT = 'X';         // payload: the exit code as 4 bytes; the last frame of a command
    static final byte TEXT = 'T';         // the answer to STATUS or STOP (UTF-8)
    static final byte REFUSED = 'F';      // UTF-8 reason; STALE_PREFIX when the client is of another build
    static final String STALE_PREFIX = "stale:";

    /** The most a client reads from its standard input for one WANT, and the most output one frame carries. */
    static final int CHUNK = 64 * 1024;
    private static final int MAX_PAYLOAD = 64 << 20;
    static final byte[] NONE = new byte[0];

    record Frame(byte type, byte[] payload) {
    }

    private Frames() {
    }

    static void write(DataOutputStream out, byte type, byte[] payload) throws IOException {
        write(out, type, payload, 0, payload.length);
    }

    static void write(DataOutputStream out, byte type, byte[] payload, int offset, int length) throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(length);
            out.write(payload, offset, length);
            out.flush();
        }
    }

    /** The next frame; {@link java.io.EOFException} when the other side closed the connection. */
    static Frame read(DataInputStream in) throws IOException {
        byte type = in.readByte();
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("a frame of " + length + " bytes: not a runner service peer");
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, payload);
    }

    static byte[] exitCode(int code) {
        return new byte[]{(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code};
    }

    static int exitCode(byte[] payload) {
        return ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
    }
}
