package dev.subinterp.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.SharedRuntime;
import dev.subinterp.interpreter.Language;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Channels: a send end and a receive end, blocking send until received, closing either end. */
class ChannelTest {
    private final Interpreters runtime = SharedRuntime.get();

    @Test
    void sendWaitsUntilTheValueIsReceived() throws Exception {
        Channel channel = runtime.createChannel();
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                channel.sendEnd().send("hello");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(sender.isDone(), "send must wait for a receiver");
        assertEquals("hello", channel.recvEnd().recv().asText());
        sender.get();
    }

    @Test
    void sendNowaitQueuesAndRecvNowaitSaysWhenEmpty() throws Exception {
        Channel channel = runtime.createChannel();
        channel.sendEnd().sendNowait(1);
        channel.sendEnd().sendBufferNowait(new byte[]{1, 2});
        assertEquals(1, channel.recvEnd().recvNowait().asInt());
        assertArrayEquals(new byte[]{1, 2}, channel.recvEnd().recvNowait().binaryValue());
        assertThrows(ChannelEmptyError.class, () -> channel.recvEnd().recvNowait());
        assertThrows(ChannelTimeoutError.class, () -> channel.recvEnd().recv(Duration.ofMillis(30)));
        assertThrows(ChannelTimeoutError.class, () -> channel.sendEnd().send("nobody listens", Duration.ofMillis(30)));
        assertThrows(ChannelEmptyError.class, () -> channel.recvEnd().recvNowait(), "a send that timed out is taken back");
    }

    @Test
    void closingTheSendEndLetsReceiversDrainThenFails() throws Exception {
        Channel channel = runtime.createChannel();
        channel.sendEnd().sendNowait("last words");
        channel.sendEnd().close();
        assertThrows(ChannelClosedError.class, () -> channel.sendEnd().sendNowait("more"));
        assertEquals("last words", channel.recvEnd().recv().asText(), "nothing sent is lost");
        ChannelClosedError e = assertThrows(ChannelClosedError.class, () -> channel.recvEnd().recv());
        assertTrue(e.getMessage().contains("closed by its sender"), e.getMessage());
    }

    @Test
    void closingEitherEndWakesTheOtherWithAClearError() throws Exception {
        Channel forReceiver = runtime.createChannel();
        CompletableFuture<JsonNode> receiver = CompletableFuture.supplyAsync(() -> {
            try {
                return forReceiver.recvEnd().recv();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        forReceiver.sendEnd().close();
        assertTrue(assertThrows(CompletionException.class, receiver::join).getCause() instanceof ChannelClosedError);

        Channel forSender = runtime.createChannel();
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                forSender.sendEnd().send("waiting");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        forSender.recvEnd().close();
        Throwable cause = assertThrows(CompletionException.class, sender::join).getCause();
        assertTrue(cause instanceof ChannelClosedError && cause.getMessage().contains("before the value was received"), "got " + cause);
    }

    @Test
    void pythonGuestsUseChannelEndsWithPep554Names() throws Exception {
        Channel toGuest = runtime.createChannel();
        Channel fromGuest = runtime.createChannel();
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.prepareMain(Map.of("inbox", toGuest.recvEnd(), "outbox", fromGuest.sendEnd()));
            py.exec("""
                    def echo_until_none():
                        while (item := inbox.recv()) is not None:
                            outbox.send_nowait(item)
                        outbox.send_buffer_nowait(b'\\x00\\xff')
                        try:
                            inbox.recv_nowait()
                        except Exception as e:
                            outbox.send_nowait(type(e).__name__)
                        outbox.send_nowait(inbox.recv_nowait('default'))
                        try:
                            outbox.send_buffer('not bytes')
                        except TypeError as e:
                            outbox.send_nowait(str(e))
                        try:
                            inbox.recv(timeout=0.01)
                        except TimeoutError:
                            outbox.send_nowait('timed out')
                        outbox.close()
                    """);
            CompletableFuture<JsonNode> running = py.callInThread("echo_until_none");
            toGuest.sendEnd().send(Map.of("n", 1));
            toGuest.sendEnd().send("two");
            toGuest.sendEnd().send(null);
            RecvChannel out = fromGuest.recvEnd();
            assertEquals("{\"n\":1}", out.recv().toString());
            assertEquals("two", out.recv().asText());
            assertArrayEquals(new byte[]{0, (byte) 255}, out.recv().binaryValue());
            assertEquals("ChannelEmptyError", out.recv().asText());
            assertEquals("default", out.recv().asText());
            assertTrue(out.recv().asText().contains("send_buffer takes bytes"));
            assertEquals("timed out", out.recv().asText());
            assertThrows(ChannelClosedError.class, out::recv, "the guest closed its send end");
            running.join();
        }
    }

    @Test
    void javascriptGuestsUseTheSameEndsInCamelCase() throws Exception {
        Channel channel = runtime.createChannel();
        try (Interpreter js = runtime.create(Language.JS)) {
            js.prepareMain(Map.of("tx", channel.sendEnd()));
            js.exec("tx.sendNowait([1, 2]); tx.sendBufferNowait(new Uint8Array([7])); tx.close();");
            assertEquals("[1,2]", channel.recvEnd().recv().toString());
            assertArrayEquals(new byte[]{7}, channel.recvEnd().recv().binaryValue());
            assertThrows(ChannelClosedError.class, () -> channel.recvEnd().recv());
        }
    }

    @Test
    void aDuplexPipeIsTwoChannels() throws Exception {
        Channel ping = runtime.createChannel();
        Channel pong = runtime.createChannel();
        try (Interpreter py = runtime.create(Language.PYTHON); Interpreter js = runtime.create(Language.JS)) {
            py.prepareMain(Map.of("rx", pong.recvEnd(), "tx", ping.sendEnd()));
            js.prepareMain(Map.of("rx", ping.recvEnd(), "tx", pong.sendEnd()));
            py.exec("def rally(n):\n    ball = 0\n    for _ in range(n):\n        tx.send(ball)\n        ball = rx.recv()\n    return ball");
            js.exec("function rally(n) { for (let i = 0; i < n; i++) tx.send(rx.recv() + 1); }");
            CompletableFuture<JsonNode> jsSide = js.callInThread("rally", 100);
            assertEquals(100, py.call("rally", 100).asInt());
            jsSide.join();
        }
    }
}
