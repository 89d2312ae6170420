package dev.subinterp.internal.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The connection between a supervisor and one worker JVM: messages are JSON trees, each sent as a
 * 4-byte length and its CBOR encoding. CBOR, not JSON text, because it carries bytes as bytes (a
 * {@code BinaryNode} crosses without base64) and is what Jackson's own binary format module speaks.
 * Writes are whole messages, so any thread may send.
 */
final class Wire implements AutoCloseable {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    /** The largest message: a value that big already failed the runtime's own size checks. */
    private static final int MAX_MESSAGE = 512 << 20;

    private final DataInputStream in;
    private final DataOutputStream out;
    private final AutoCloseable connection;

    Wire(InputStream in, OutputStream out, AutoCloseable connection) {
        this.in = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
        this.connection = connection;
    }

    /**
     * A wire over {@code channel}, which it puts in non-blocking mode: a thread interrupted while it
     * reads or writes a blocking channel closes the channel (it is an {@code InterruptibleChannel}), and
     * guest threads that send (output, queue operations, answers) are interrupted by time limits and
     * closes. A non-blocking channel ignores interrupts; waits for data or for room happen in a selector.
     */
    static Wire over(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        return new Wire(new SelectingInput(channel), new SelectingOutput(channel), channel);
    }

    /** Reads a non-blocking channel, waiting in a selector while nothing has arrived. */
    private static final class SelectingInput extends InputStream {
        private final SocketChannel channel;
        private final Selector selector;

        SelectingInput(SocketChannel channel) throws IOException {
            this.channel = channel;
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (true) {
                int n = channel.read(buffer);
                if (n != 0) {
                    return n;
                }
                awaitReady(selector);
            }
        }

        @Override
        public void close() throws IOException {
            selector.close();
        }
    }

    /** Writes a non-blocking channel whole, waiting in a selector (made when first needed) while its buffer is full. */
    private static final class SelectingOutput extends OutputStream {
        private final SocketChannel channel;
        private Selector selector;   // guarded by the Wire's write lock

        SelectingOutput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    if (selector == null) {
                        selector = Selector.open();
                        channel.register(selector, SelectionKey.OP_WRITE);
                    }
                    awaitReady(selector);
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (selector != null) {
                selector.close();
            }
        }
    }

    /** Waits until {@code selector}'s channel is ready; an interrupt is kept for later, not let spin the wait. */
    private static void awaitReady(Selector selector) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            selector.select();
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException closed) {
            throw new ClosedChannelException();   // the wire was closed while this thread waited
        } finally {
            if (interrupted | Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static ObjectNode message(String op) {
        return NODES.objectNode().put("op", op);
    }

    /** The bytes of a binary field ({@code BinaryNode}); an empty array for a missing one. */
    static byte[] bytes(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            byte[] bytes = node.binaryValue();
            return bytes != null ? bytes : new byte[0];
        } catch (IOException e) {
            throw new IllegalArgumentException("not bytes: " + node.getNodeType(), e);
        }
    }

    void send(ObjectNode message) throws IOException {
        byte[] bytes = CBOR.writeValueAsBytes(message);
        synchronized (out) {
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush();
        }
    }

    /** The next message; {@link EOFException} when the other side has gone. Called by one reader thread. */
    ObjectNode receive() throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_MESSAGE) {
            throw new IOException("a message of " + length + " bytes: not a worker of this runtime");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        if (!(CBOR.readTree(bytes) instanceof ObjectNode message) || !message.path("op").isTextual()) {
            throw new IOException("a message without an operation: not a worker of this runtime");
        }
        return message;
    }

    @Override
    public void close() {
        try {
            in.close();   // and the selectors of a wire over a channel
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // Their other side has gone: nothing is left to flush.
        }
        try {
            connection.close();
        } catch (Exception ignored) {
            // Closing a connection whose other side has gone: nothing is left to release.
        }
    }
}
