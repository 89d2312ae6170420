package dev.subinterp.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.InterpreterCrashed;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.value.NotShareableError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queues and channels made by the host runtime stay in the host; a process-isolated interpreter's
 * guests use them across the worker's socket exactly as in-process guests do, and a worker that dies
 * takes nothing off a queue with it.
 */
class ProcessIsolatedQueuesTest {
    private static Interpreters runtime;

    @BeforeAll
    static void start() {
        runtime = new Interpreters(PolicyLoader.load(Path.of("..", "test-fixtures", "policies", "process-128m.json")));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void guestsInAWorkerPutAndGetOnTheHostsQueue() throws Exception {
        Queue jobs = runtime.createQueue(0);
        Queue results = runtime.createQueue(0);
        try (Interpreter py = runtime.create(Language.PYTHON); Interpreter js = runtime.create(Language.JS)) {
            py.prepareMain(Map.of("jobs", jobs, "results", results));
            py.exec("def work(n):\n    for _ in range(n):\n        x = jobs.get()\n        results.put({'square': x * x, 'raw': bytes([x])})");
            CompletableFuture<JsonNode> working = py.callInThread("work", 3);   // waits in the worker for items the host puts later
            for (int x = 1; x <= 3; x++) {
                jobs.put(x);
            }
            working.get();
            for (int x = 1; x <= 3; x++) {
                JsonNode result = results.get(Duration.ofSeconds(30));
                assertEquals(x * x, result.get("square").asInt());
                assertArrayEquals(new byte[]{(byte) x}, result.get("raw").binaryValue(), "bytes cross as bytes");
            }
            js.exec("function drain(q) { const seen = []; while (!q.empty()) seen.push(q.getNowait()); return seen; }");
            jobs.put("a");
            jobs.put("b");
            assertEquals("[\"a\",\"b\"]", js.call("drain", jobs).toString(), "a JS guest takes them in order");
        }
    }

    @Test
    void aQueueThatCameBackIsTheSameQueue() {
        Queue queue = runtime.createQueue(5);
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.prepareMain(Map.of("q", queue));
            py.exec("same = [q, {'again': q}]\nsize = q.maxsize");
            JsonNode same = py.getMainAttr("same");
            assertSame(queue, ((POJONode) same.get(0)).getPojo());
            assertSame(queue, ((POJONode) same.get(1).get("again")).getPojo());
            assertEquals(5, py.getMainAttr("size").asInt());
        }
    }

    @Test
    void channelEndsCrossBothWays() throws Exception {
        Channel toGuest = runtime.createChannel();
        Channel fromGuest = runtime.createChannel();
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.prepareMain(Map.of("rx", toGuest.recvEnd(), "tx", fromGuest.sendEnd()));
            py.exec("def echo():\n    tx.send(rx.recv() + '!')");   // send waits until the host has received
            CompletableFuture<JsonNode> echoing = py.callInThread("echo");
            toGuest.sendEnd().sendNowait("spam");
            assertEquals("spam!", fromGuest.recvEnd().recv(Duration.ofSeconds(30)).asText());
            echoing.get();
            toGuest.sendEnd().close();
            py.exec("try:\n    rx.recv()\n    raised = None\nexcept Exception as e:\n    raised = type(e).__name__");
            assertEquals("ChannelClosedError", py.getMainAttr("raised").asText(), "the host's close reaches the guest");
        }
    }

    @Test
    void theFamilyInsideTheWorkerSharesTheHostsQueueToo() throws Exception {
        Queue queue = runtime.createQueue(0);
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.prepareMain(Map.of("queue", queue));
            py.exec("""
                    import interpreters
                    child = interpreters.create()
                    child.prepare_main(queue=queue)
                    child.exec('queue.put("from a child in the worker")')
                    """);
            assertEquals("from a child in the worker", queue.get(Duration.ofSeconds(30)).asText());
        }
    }

    @Test
    void aQueueMadeInsideTheWorkerStaysThere() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("import interpreters\nmine = interpreters.create_queue()\nmine.put(1)\nmine_id = mine.id");
            assertEquals(1, py.call("eval", "mine.get()").asInt(), "it works inside the worker");
            NotShareableError refused = assertThrows(NotShareableError.class, () -> py.getMainAttr("mine"));
            assertTrue(refused.getMessage().contains("stays in its worker process"), refused.getMessage());
            Queue hosts = runtime.createQueue(0);
            py.prepareMain(Map.of("hosts", hosts));
            py.exec("same = hosts == mine");
            assertTrue(!py.getMainAttr("same").asBoolean(), "the worker's own queues never share an id with the host's");
        }
    }

    @Test
    void aWorkerKilledWhileItWaitsOnAQueueTakesNoItemWithIt() throws Exception {
        Queue queue = runtime.createQueue(0);
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("import os\npid = os.getpid()");
            long pid = py.getMainAttr("pid").asLong();
            py.prepareMain(Map.of("queue", queue));
            CompletableFuture<JsonNode> waiting = py.callInThread("eval", "queue.get()");
            while (!py.isRunning()) {
                Thread.sleep(10);
            }
            Thread.sleep(500);   // the get has crossed to the host and waits there
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            ExecutionException failed = assertThrows(ExecutionException.class, waiting::get);
            assertInstanceOf(InterpreterCrashed.class, failed.getCause());
            queue.put("kept");
            assertEquals("kept", queue.get(Duration.ofSeconds(30)).asText(), "the dead worker's wait took nothing");
            assertTrue(queue.empty());
        }
    }

    @Test
    void aGetTheGuestGaveUpLeavesTheItemInTheQueue() throws Exception {
        Queue queue = runtime.createQueue(0);
        try (Interpreter py = runtime.newInterpreter(Language.PYTHON).timeLimit(Duration.ofSeconds(2)).create()) {
            py.prepareMain(Map.of("queue", queue));
            assertThrows(dev.subinterp.interpreter.TimeLimitExceeded.class, () -> py.exec("queue.get()"));
            queue.put(1);
            queue.put(2);
            assertEquals(1, queue.get(Duration.ofSeconds(30)).asInt(), "the abandoned wait took nothing");
            assertEquals(2, queue.get(Duration.ofSeconds(30)).asInt());
        }
    }
}
