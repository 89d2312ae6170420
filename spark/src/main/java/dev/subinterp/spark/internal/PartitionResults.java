package dev.subinterp.spark.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.MapLines;
import scala.Tuple2;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The output lines of one partition, in input order, as {@code runner map} writes them: each input
 * record (its text or UTF-8 bytes, with its 0-based index in the whole input) is read as
 * {@link MapLines} reads a line; a value goes to the executor's pool, which works a bounded number of
 * chunks ahead of the line being returned; a line that is not a value becomes its error object; a
 * blank line gives nothing.
 */
public final class PartitionResults implements Iterator<String> {
    private final Iterator<? extends Tuple2<?, Long>> records;
    private final Consumer<MapLines.Status> counted;
    private final Deque<MapLines.Line> parsed = new ArrayDeque<>();   // read, not yet returned
    private final Deque<JsonNode> unsent = new ArrayDeque<>();        // parsed values the pool has not taken yet
    private final Iterator<Future<JsonNode>> results;

    public PartitionResults(Iterator<? extends Tuple2<?, Long>> records, InterpreterPoolExecutor pool, String function,
                            int chunk, Consumer<MapLines.Status> counted) {
        this.records = records;
        this.counted = counted;
        Iterable<JsonNode> values = Values::new;
        this.results = pool.map(function, values, chunk);
    }

    @Override
    public boolean hasNext() {
        while (parsed.isEmpty() && records.hasNext()) readOne();
        return !parsed.isEmpty();
    }

    @Override
    public String next() {
        if (!hasNext()) throw new NoSuchElementException();
        MapLines.Line line = parsed.removeFirst();
        MapLines.Outcome outcome;
        if (line.value() == null) {
            outcome = line.failure();
        } else {
            try {
                outcome = MapLines.outcome(results.next(), line.number());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the task was interrupted (Spark is cancelling it)", e);
            }
        }
        counted.accept(outcome.status());
        return outcome.line();
    }

    private void readOne() {
        Tuple2<?, Long> record = records.next();
        long number = record._2() + 1;
        MapLines.Line line = record._1() instanceof byte[] bytes ? MapLines.parse(number, bytes)
                : MapLines.parse(number, (String) record._1());
        if (line == null) return;
        parsed.addLast(line);
        if (line.value() != null) unsent.addLast(line.value());
    }

    /** The values for the pool, read from the records as the pool asks for them. */
    private final class Values implements Iterator<JsonNode> {
        @Override
        public boolean hasNext() {
            while (unsent.isEmpty() && records.hasNext()) readOne();
            return !unsent.isEmpty();
        }

        @Override
        public JsonNode next() {
            if (!hasNext()) throw new NoSuchElementException();
            return unsent.removeFirst();
        }
    }
}
