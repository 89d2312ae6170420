package dev.subinterp.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.SharedRuntime;
import dev.subinterp.interpreter.Language;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The classic examples in test-fixtures/, run end to end, compared with their expected output. */
class FixturesTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures");
    private final Interpreters runtime = SharedRuntime.get();

    @Test
    void thePipeBasedParallelSieveFindsEveryPrime() throws Exception {
        int limit = 100_000;
        int segments = 4;
        String segment = Files.readString(FIXTURES.resolve("sieve/segment.py"));
        List<Interpreter> interpreters = new ArrayList<>();
        List<Channel> toSegment = new ArrayList<>();
        List<Channel> fromSegment = new ArrayList<>();
        List<CompletableFuture<JsonNode>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < segments; i++) {
                int lo = Math.max(2, i * limit / segments);
                int hi = (i + 1) * limit / segments;
                Channel in = runtime.createChannel();
                Channel out = runtime.createChannel();
                Interpreter py = runtime.create(Language.PYTHON);
                py.prepareMain(Map.of("lo", lo, "hi", hi, "primes_in", in.recvEnd(), "primes_out", out.sendEnd()));
                py.exec(segment, "segment.py");
                interpreters.add(py);
                toSegment.add(in);
                fromSegment.add(out);
            }
            toSegment.get(0).sendEnd().sendNowait(null);   // nothing lies below the first segment
            for (Interpreter py : interpreters) runs.add(py.callInThread("run"));
            List<Integer> primes = new ArrayList<>();
            for (int i = 0; i < segments; i++) {
                JsonNode prime;
                while (!(prime = fromSegment.get(i).recvEnd().recv()).isNull()) {
                    primes.add(prime.asInt());
                    for (int j = i + 1; j < segments; j++) toSegment.get(j).sendEnd().sendNowait(prime);
                }
                if (i + 1 < segments) toSegment.get(i + 1).sendEnd().sendNowait(null);
            }
            int counted = 0;
            for (CompletableFuture<JsonNode> run : runs) counted += run.join().asInt();
            String report = "primes below " + limit + ": " + primes.size() + "\n"
                    + "first ten: " + primes.subList(0, 10) + "\n"
                    + "last: " + primes.get(primes.size() - 1) + "\n";
            assertEquals(Files.readString(FIXTURES.resolve("sieve/expected.txt")), report);
            assertEquals(primes.size(), counted);
            assertEquals(simpleSieve(limit), primes, "every prime, in order, exactly once");
        } finally {
            interpreters.forEach(Interpreter::close);
        }
    }

    @Test
    void everyWorkerAddsItsRecordToTheSharedResult() throws Exception {
        Queue results = runtime.createQueue(0);
        String python = Files.readString(FIXTURES.resolve("shared-result/worker.py"));
        String js = Files.readString(FIXTURES.resolve("shared-result/worker.js"));
        Map<Integer, String> expected = new HashMap<>();
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        List<Interpreter> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Language language = i % 2 == 0 ? Language.PYTHON : Language.JS;
                Interpreter worker = runtime.create(language);
                workers.add(worker);
                expected.put(worker.id(), language.id());
                worker.prepareMain(Map.of(language == Language.PYTHON ? "worker_id" : "workerId", worker.id(), "results", results));
                runs.add(CompletableFuture.runAsync(() -> worker.exec(language == Language.PYTHON ? python : js)));
            }
            runs.forEach(CompletableFuture::join);
            Map<Integer, String> collected = new HashMap<>();
            while (!results.empty()) {
                JsonNode record = results.getNowait();
                int id = record.get("worker").asInt();
                assertEquals(id * id, record.get("square").asInt());
                assertEquals(null, collected.put(id, record.get("language").asText()), "worker " + id + " twice");
            }
            assertEquals(expected, collected);
        } finally {
            workers.forEach(Interpreter::close);
        }
    }

    private static List<Integer> simpleSieve(int limit) {
        boolean[] composite = new boolean[limit];
        List<Integer> primes = new ArrayList<>();
        for (int n = 2; n < limit; n++) {
            if (composite[n]) continue;
            primes.add(n);
            for (long m = (long) n * n; m < limit; m += n) composite[(int) m] = true;
        }
        return primes;
    }
}
