package dev.subinterp.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.SharedRuntime;
import dev.subinterp.interpreter.Language;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 4 producer and 4 consumer interpreters, 100,000 messages each way: every message is received
 * exactly once (count and checksum), whatever the interleaving.
 */
class QueueStressTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures", "stress");
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;
    private static final int PER_PRODUCER = 25_000;

    @Test
    void everyMessageArrivesExactlyOnceEachWay() throws Exception {
        Interpreters runtime = SharedRuntime.get();
        Queue work = runtime.createQueue(1_000);   // bounded: producers also wait for room
        Queue done = runtime.createQueue(0);
        List<Interpreter> all = new ArrayList<>();
        try {
            List<CompletableFuture<JsonNode>> producers = new ArrayList<>();
            List<CompletableFuture<JsonNode>> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                Interpreter consumer = start(runtime, all, "consumer.py", Map.of("work", work, "done", done));
                consumers.add(consumer.callInThread("consume", c));
            }
            for (int p = 0; p < PRODUCERS; p++) {
                Interpreter producer = start(runtime, all, "producer.py", Map.of("work", work));
                producers.add(producer.callInThread("produce", p, PER_PRODUCER));
            }
            int total = PRODUCERS * PER_PRODUCER;
            BitSet seen = new BitSet(total);
            long checksum = 0;
            int[] perConsumer = new int[CONSUMERS];
            for (int received = 0; received < total; received++) {
                JsonNode reply = done.get(Duration.ofMinutes(2));
                int key = reply.get("producer").asInt() * PER_PRODUCER + reply.get("seq").asInt();
                assertEquals(false, seen.get(key), "message " + key + " arrived twice");
                seen.set(key);
                checksum += reply.get("length").asInt();
                perConsumer[reply.get("consumer").asInt()]++;
            }
            for (CompletableFuture<JsonNode> producer : producers) assertEquals(PER_PRODUCER, producer.join().asInt());
            for (int c = 0; c < CONSUMERS; c++) work.put(null);
            int handled = 0;
            for (CompletableFuture<JsonNode> consumer : consumers) handled += consumer.join().asInt();
            assertEquals(total, seen.cardinality(), "every message arrived");
            assertEquals(total, handled, "every message was handled once by the consumers");
            assertEquals(expectedChecksum(), checksum, "payload lengths add up");
            assertEquals(true, done.empty() && work.empty(), "nothing left over");
            for (int count : perConsumer) assertEquals(true, count > 0, "every consumer took part");
        } finally {
            all.forEach(Interpreter::close);
        }
    }

    private static Interpreter start(Interpreters runtime, List<Interpreter> all, String fixture, Map<String, ?> main) throws Exception {
        Interpreter interp = runtime.create(Language.PYTHON);
        all.add(interp);
        interp.prepareMain(main);
        interp.exec(Files.readString(FIXTURES.resolve(fixture)), fixture);
        return interp;
    }

    private static long expectedChecksum() {
        long sum = 0;
        for (int p = 0; p < PRODUCERS; p++) {
            for (int i = 0; i < PER_PRODUCER; i++) sum += ("message " + i + " of producer " + p).length();
        }
        return sum;
    }
}
