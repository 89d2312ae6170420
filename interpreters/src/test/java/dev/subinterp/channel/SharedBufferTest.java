package dev.subinterp.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opt-in sharing: a {@link SharedBuffer} is mapped, not copied, by the interpreters it reaches (JS
 * sees a Uint8Array over the same memory); Python on GraalVM 25.0 gets a copy, and says so.
 */
class SharedBufferTest {
    @Test
    void interpretersWriteTheSameBytesTheHostReads() throws Exception {
        try (Interpreters runtime = new Interpreters();
             Interpreter writer = runtime.create(Language.JS);
             Interpreter reader = runtime.create(Language.JS)) {
            SharedBuffer shared = runtime.createSharedBuffer(8);
            Queue handoff = runtime.createQueue(0);
            writer.prepareMain(Map.of("shared", shared, "handoff", handoff));
            reader.prepareMain(Map.of("handoff", handoff));
            writer.exec("shared[0] = 42; shared.set([1, 2, 3], 1); handoff.put(shared);");
            ByteBuffer view = shared.byteBuffer();
            assertEquals(42, view.get(0), "the host sees the guest's write");
            view.put(7, (byte) 99);
            reader.exec("const got = handoff.get(); var seen = [got.length, got[0], got[3], got[7]]; got[6] = 5;");
            assertEquals("[8,42,3,99]", reader.getMainAttr("seen").toString(), "the other interpreter maps the same bytes");
            assertArrayEquals(new byte[]{42, 1, 2, 3, 0, 0, 5, 99}, shared.toByteArray());
        }
    }

    @Test
    void itCrossesBackAsTheSameBufferThroughChannelsAndResults() throws Exception {
        try (Interpreters runtime = new Interpreters(); Interpreter js = runtime.create(Language.JS)) {
            SharedBuffer shared = runtime.createSharedBuffer(4);
            Channel channel = runtime.createChannel();
            js.prepareMain(Map.of("shared", shared, "out", channel.sendEnd()));
            js.exec("shared[1] = 9; out.sendBufferNowait(shared); var mine = shared;");
            JsonNode received = channel.recvEnd().recvNowait();
            assertSame(shared, ((POJONode) received).getPojo(), "sent as the buffer, not as a copy of its bytes");
            assertSame(shared, ((POJONode) js.getMainAttr("mine")).getPojo());
        }
    }

    @Test
    void pythonGetsACopyAndSaysSoOnce() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreters runtime = new Interpreters();
             Interpreter py = runtime.newInterpreter(Language.PYTHON).stderr(err).create()) {
            SharedBuffer shared = runtime.createSharedBuffer(3);
            shared.byteBuffer().put(0, (byte) 7);
            py.prepareMain(Map.of("a", shared, "b", shared));
            py.exec("a[1] = 1\nseen = [type(a).__name__, list(a), list(b)]");
            assertEquals("[\"bytearray\",[7,1,0],[7,0,0]]", py.getMainAttr("seen").toString());
            assertEquals(0, shared.byteBuffer().get(1), "Python's write stays in its copy");
            String warning = err.toString(StandardCharsets.UTF_8);
            assertTrue(warning.startsWith("subinterp: warning: shared buffer"), warning);
            assertEquals(1, warning.lines().count(), "one line, the first time only: " + warning);
        }
    }
}
