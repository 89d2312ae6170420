package dev.subinterp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.channel.Queue;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Two Python interpreters joined by two queues (ping, pong): a driver running queue_driver.py and a peer
 * serving queue_echo.py on its own thread until {@link #close()}.
 */
final class QueuePair implements AutoCloseable {
    private final Interpreters runtime = new Interpreters();
    final Interpreter driver = runtime.create(Language.PYTHON);
    private final Interpreter peer = runtime.create(Language.PYTHON);
    private final CompletableFuture<JsonNode> serving;

    /** @param mode "echo" (every message comes back) or "sink" (messages are taken; each None is answered) */
    QueuePair(String mode) {
        Queue ping = runtime.createQueue(0);
        Queue pong = runtime.createQueue(0);
        for (Interpreter interpreter : new Interpreter[]{driver, peer}) {
            interpreter.prepareMain(Map.of("ping", ping, "pong", pong));
        }
        driver.exec(Fixtures.read("queue_driver.py"), "queue_driver.py");
        peer.exec(Fixtures.read("queue_echo.py"), "queue_echo.py");
        serving = peer.callInThread("serve", mode);
    }

    @Override
    public void close() {
        driver.call("stop_peer");
        serving.join();
        runtime.close();
    }
}
