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
            connection.close();
        } catch (Exception ignored) {
            // Closing a connection whose other side has gone: nothing is left to release.
        }
    }
}
