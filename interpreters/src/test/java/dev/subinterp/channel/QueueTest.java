package dev.subinterp.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.InterpreterClosedError;
import dev.subinterp.interpreter.InterpreterThreads;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.SharedRuntime;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.TimeLimitExceeded;
import dev.subinterp.value.Shareable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PEP 734 queues from the host and from Python and JS guests: values copied in, FIFO, real wake-ups. */
class QueueTest {
    private final Interpreters runtime = SharedRuntime.get();

    static List<Object> everyKind() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", 3.5, List.of()));
        nested.put("nothing", null);
        nested.put("bytes", new byte[]{0, 1, (byte) 255});
        return Arrays.asList(null, true, false, 0, -7, Long.MAX_VALUE, new BigInteger("123456789012345678901234567890"),
                3.25, 1e300, "", "héllo 🌍 你好", List.of(1, List.of(2)), nested, new byte[]{0, 127, (byte) 128, (byte) 255});
    }

    /** A guest function forward(src, dst) that moves n items from one queue to the other. */
    private static String forwarder(Language language) {
        return language == Language.PYTHON
                ? "def forward(src, dst, n):\n    for _ in range(n):\n        dst.put(src.get())"
                : "function forward(src, dst, n) { for (let i = 0; i < n; i++) dst.put(src.get()); }";
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"PYTHON, PYTHON", "JS, JS", "PYTHON, JS", "JS, PYTHON"})
    void everyValueKindRoundTripsThroughQueuesBetweenInterpreters(Language first, Language second) throws Exception {
        List<Object> values = everyKind();
        Queue in = runtime.createQueue(0);
        Queue middle = runtime.createQueue(0);
        Queue out = runtime.createQueue(0);
        try (Interpreter a = runtime.create(first); Interpreter b = runtime.create(second)) {
            a.exec(forwarder(first));
            b.exec(forwarder(second));
            for (Object value : values) in.put(value);                                        // host -> guest
            CompletableFuture<JsonNode> hop1 = a.callInThread("forward", in, middle, values.size());  // guest -> guest
            CompletableFuture<JsonNode> hop2 = b.callInThread("forward", middle, out, values.size()); // guest -> host
            hop1.join();
            hop2.join();
            for (Object value : values) {
                assertEquals(Shareable.fromJava(value), out.get(Duration.ofSeconds(10)), "round trip of " + value);
            }
            assertTrue(out.empty());
        }
    }

    @Test
    void itemsComeOutInTheOrderTheyWentIn() throws Exception {
        Queue queue = runtime.createQueue(0);
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.prepareMain(Map.of("queue", queue));
            py.exec("for i in range(1000):\n    queue.put(i)");
            for (int i = 0; i < 1000; i++) assertEquals(i, queue.getNowait().asInt());
        }
    }

    @Test
    void maxsizeBoundsTheQueueAndTimeoutsRaiseQueueEmptyAndQueueFull() throws Exception {
        Queue queue = runtime.createQueue(2);
        assertEquals(2, queue.maxsize());
        queue.put(1);
        queue.putNowait(2);
        assertTrue(queue.full());
        assertThrows(QueueFull.class, () -> queue.putNowait(3));
        assertThrows(QueueFull.class, () -> queue.put(3, Duration.ofMillis(50)));
        assertEquals(2, queue.qsize());
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.prepareMain(Map.of("q", queue));
            py.exec("""
                    import queue as stdlib_queue
                    try:
                        q.put(3, timeout=0.05)
                    except stdlib_queue.Full as e:
                        full = [type(e).__name__, isinstance(e, stdlib_queue.Full), q.qsize(), q.maxsize, q.full()]
                    got = [q.get(), q.get_nowait()]
                    try:
                        q.get(timeout=0.05)
                    except stdlib_queue.Empty as e:
                        empty = [type(e).__name__, q.empty()]
                    try:
                        q.get_nowait()
                    except stdlib_queue.Empty:
                        empty.append('nowait too')
                    """);
            assertEquals("[\"QueueFull\",true,2,2,true]", py.getMainAttr("full").toString());
            assertEquals("[1,2]", py.getMainAttr("got").toString());
            assertEquals("[\"QueueEmpty\",true,\"nowait too\"]", py.getMainAttr("empty").toString());
        }
        assertThrows(QueueEmpty.class, queue::getNowait);
        assertThrows(QueueEmpty.class, () -> queue.get(Duration.ofMillis(20)));
    }

    @Test
    void javascriptHasTheSameMethodsInCamelCase() throws Exception {
        Queue queue = runtime.createQueue(1);
        try (Interpreter js = runtime.create(Language.JS)) {
            js.prepareMain(Map.of("q", queue));
            js.exec("""
                    q.putNowait({a: 1});
                    var state = [q.full(), q.empty(), q.qsize(), q.maxsize, q.id > 0];
                    var failure = null;
                    try { q.putNowait(2); } catch (e) { failure = [e.name, e instanceof q.constructor.QueueFull]; }
                    var got = q.getNowait();
                    var empty = null;
                    try { q.get(true, 0.02); } catch (e) { empty = e.name; }
                    """);
            assertEquals("[true,false,1,1,true]", js.getMainAttr("state").toString());
            assertEquals("[\"QueueFull\",true]", js.getMainAttr("failure").toString());
            assertEquals("{\"a\":1}", js.getMainAttr("got").toString());
            assertEquals("\"QueueEmpty\"", js.getMainAttr("empty").toString());
        }
    }

    @Test
    void putCopiesTheValueSoLaterChangesNeverShow() throws Exception {
        Queue queue = runtime.createQueue(0);
        List<Object> hostList = new ArrayList<>(List.of(1));
        queue.put(hostList);
        hostList.add(2);
        assertEquals("[1]", queue.get().toString());
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.prepareMain(Map.of("q", queue));
            py.exec("items = [1]\nq.put(items)\nitems.append(2)");
            assertEquals("[1]", queue.get().toString());
        }
    }

    @Test
    void aNonShareableGuestValueRaisesNotShareableErrorNamingThePath() throws Exception {
        Queue queue = runtime.createQueue(0);
        try (Interpreter py = runtime.create(Language.PYTHON); Interpreter js = runtime.create(Language.JS)) {
            py.prepareMain(Map.of("q", queue));
            py.exec("""
                    try:
                        q.put({'ok': 1, 'bad': [1, {2, 3}]})
                    except TypeError as e:
                        caught = [type(e).__name__, str(e)]
                    """);
            assertEquals("NotShareableError", py.getMainAttr("caught").get(0).asText());
            assertTrue(py.getMainAttr("caught").get(1).asText().startsWith("$.bad[1]: set is not shareable"),
                    py.getMainAttr("caught").toString());
            js.prepareMain(Map.of("q", queue));
            js.exec("var caught; try { q.put([() => 1]); } catch (e) { caught = [e.name, e instanceof TypeError, e.message]; }");
            assertEquals("NotShareableError", js.getMainAttr("caught").get(0).asText());
            assertTrue(js.getMainAttr("caught").get(1).asBoolean());
            assertTrue(js.getMainAttr("caught").get(2).asText().startsWith("$[0]: Function"));
            assertTrue(queue.empty(), "nothing is put when the value cannot cross");
        }
    }

    @Test
    void queuesCrossAsHandlesAndKeepTheirIdentity() throws Exception {
        Queue queue = runtime.createQueue(3);
        Queue carrier = runtime.createQueue(0);
        try (Interpreter py = runtime.create(Language.PYTHON); Interpreter js = runtime.create(Language.JS)) {
            py.prepareMain(Map.of("carrier", carrier, "q", queue));
            py.exec("carrier.put({'queue': q, 'note': 'inside a dict'})");
            js.prepareMain(Map.of("carrier", carrier));
            js.exec("var msg = carrier.get(); msg.queue.put('via a queue that crossed'); var info = [msg.queue.id, msg.queue.maxsize];");
            assertEquals("via a queue that crossed", queue.getNowait().asText());
            assertEquals("[" + queue.id() + ",3]", js.getMainAttr("info").toString());
            py.exec("same = [q == carrier, q == q, hash(q) == hash(q)]");
            assertEquals("[false,true,true]", py.getMainAttr("same").toString());
        }
    }

    @ParameterizedTest
    @CsvSource({"PYTHON, 0", "PYTHON, 1", "PYTHON, 16777216", "JS, 0", "JS, 1", "JS, 16777216"})
    void bytesOfAnySizeArriveIntact(Language language, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Queue in = runtime.createQueue(0);
        Queue out = runtime.createQueue(0);
        try (Interpreter interp = runtime.create(language)) {
            interp.exec(forwarder(language));
            in.put(bytes);
            interp.call("forward", in, out, 1);
            assertArrayEquals(bytes, out.get(Duration.ofSeconds(30)).binaryValue());
        }
    }

    @Test
    void aQueueOutlivesTheInterpreterThatPutItems() throws Exception {
        Queue queue = runtime.createQueue(0);
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.prepareMain(Map.of("q", queue));
            py.exec("for word in ['kept', 'after', 'close']:\n    q.put(word)");
        }
        try (Interpreter js = runtime.create(Language.JS)) {
            js.prepareMain(Map.of("q", queue));
            js.exec("var words = [q.get(), q.get(), q.get()];");
            assertEquals("[\"kept\",\"after\",\"close\"]", js.getMainAttr("words").toString());
        }
    }

    @Test
    void aGuestBlockedInGetIsStoppedByItsTimeLimitAndStaysUsable() throws Exception {
        Queue queue = runtime.createQueue(0);
        for (Language language : Language.values()) {
            try (Interpreter interp = runtime.newInterpreter(language).timeLimit(Duration.ofMillis(300)).create()) {
                interp.prepareMain(Map.of("q", queue));
                assertThrows(TimeLimitExceeded.class, () -> interp.exec(language == Language.PYTHON ? "q.get()" : "q.get();"));
                queue.put("later");
                interp.exec(language == Language.PYTHON ? "got = q.get()" : "var got = q.get();");
                assertEquals("later", interp.getMainAttr("got").asText());
            }
        }
    }

    @Test
    void aGuestBlockedInGetIsReleasedByClose() throws Exception {
        Queue queue = runtime.createQueue(0);
        Interpreter py = runtime.create(Language.PYTHON);
        py.prepareMain(Map.of("q", queue));
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> py.exec("q.get()"));
        while (!py.isRunning()) Thread.sleep(5);
        Thread.sleep(50);
        py.close();
        Throwable cause = assertThrows(CompletionException.class, blocked::join).getCause();
        assertTrue(cause instanceof InterpreterClosedError, "got " + cause);
    }

    @Test
    void closingTheRuntimeWakesBlockedHostAndGuestReadersAndLeavesNoThread() throws Exception {
        java.util.Set<Thread> threadsBefore = InterpreterThreads.alive();
        Interpreters own = new Interpreters();
        Queue queue = own.createQueue(0);
        Interpreter js = own.create(Language.JS);
        js.prepareMain(Map.of("q", queue));
        CompletableFuture<Void> guestReader = CompletableFuture.runAsync(() -> js.exec("q.get();"));
        CompletableFuture<JsonNode> hostReader = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.get();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (!js.isRunning()) Thread.sleep(5);
        Thread.sleep(50);
        own.close();
        assertTrue(assertThrows(CompletionException.class, hostReader::join).getCause() instanceof ChannelClosedError);
        Throwable guest = assertThrows(CompletionException.class, guestReader::join).getCause();
        assertTrue(guest instanceof ExecutionFailed || guest instanceof InterpreterClosedError, "got " + guest);
        assertThrows(ChannelClosedError.class, () -> queue.put(1));
        assertEquals(java.util.Set.of(), InterpreterThreads.startedSince(threadsBefore), "close() returns once the threads are gone");
        assertFalse(js.isRunning());
    }

}
