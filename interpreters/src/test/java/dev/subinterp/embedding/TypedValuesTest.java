package dev.subinterp.embedding;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.NameNotDefined;
import dev.subinterp.interpreter.SharedRuntime;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.Shareable;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An application's own Java values as arguments and results: converted through Jackson, never by hand. */
class TypedValuesTest {
    record Point(double x, double y) {
    }

    record Shape(String name, List<Point> corners, Optional<String> colour, byte[] thumbnail, LocalDate drawn) {
    }

    /** A bean: a no-argument constructor, getters and setters. */
    public static final class Account {
        private String owner;
        private long cents;

        public Account() {
        }

        Account(String owner, long cents) {
            this.owner = owner;
            this.cents = cents;
        }

        public String getOwner() {
            return owner;
        }

        public void setOwner(String owner) {
            this.owner = owner;
        }

        public long getCents() {
            return cents;
        }

        public void setCents(long cents) {
            this.cents = cents;
        }
    }

    enum Suit { HEARTS, SPADES }

    private static final String PYTHON_ECHO = "def echo(*args):\n    return args[0] if len(args) == 1 else list(args)\n";

    @Test
    void recordsBeansArraysOptionalBytesAndDatesCrossBothWays() {
        try (Interpreter py = SharedRuntime.get().create(Language.PYTHON)) {
            py.exec(PYTHON_ECHO + """
                    def area(shape):
                        xs = [c['x'] for c in shape['corners']]
                        ys = [c['y'] for c in shape['corners']]
                        return (max(xs) - min(xs)) * (max(ys) - min(ys))
                    def describe(shape):
                        return [type(shape['thumbnail']).__name__, repr(shape['colour']), shape['drawn']]
                    """);
            Shape square = new Shape("square", List.of(new Point(0, 0), new Point(2, 0), new Point(2, 2)),
                    Optional.empty(), new byte[]{1, 2, 3}, LocalDate.of(2026, 12, 4));
            assertEquals(4.0, py.call(Double.class, "area", square));
            assertEquals(List.of("bytes", "None", "2026-12-04"), py.call(new TypeReference<List<String>>() { }, "describe", square),
                    "Optional.empty is None, bytes are bytes, a date is ISO text");

            Shape back = py.call(Shape.class, "echo", square);
            assertEquals(square.corners(), back.corners());
            assertEquals(Optional.empty(), back.colour());
            assertArrayEquals(square.thumbnail(), back.thumbnail());
            assertEquals(square.drawn(), back.drawn());

            Account account = py.call(Account.class, "echo", new Account("ada", 1250));
            assertEquals("ada", account.getOwner());
            assertEquals(1250, account.getCents());

            assertEquals(List.of(1, 2, 3), py.call(new TypeReference<List<Integer>>() { }, "echo", (Object) new int[]{1, 2, 3}));
            assertArrayEquals(new long[]{4, 5}, py.call(long[].class, "echo", List.of(4, 5)));
            assertEquals(new TreeSet<>(Set.of("a", "b")), py.call(new TypeReference<TreeSet<String>>() { }, "echo", Set.of("a", "b")));
            assertEquals(Map.of("p", List.of(new Point(1, 2))),
                    py.call(new TypeReference<Map<String, List<Point>>>() { }, "echo", Map.of("p", List.of(new Point(1, 2)))));
            assertEquals(Optional.of("x"), py.call(new TypeReference<Optional<String>>() { }, "echo", Optional.of("x")));
            assertEquals(Suit.SPADES, py.call(Suit.class, "echo", Suit.SPADES));
            assertEquals('c', py.call(Character.class, "echo", 'c'));
        }
    }

    @Test
    void aTypedArrayIsOneArgumentAndAnObjectArraySpreads() {
        try (Interpreter py = SharedRuntime.get().create(Language.PYTHON)) {
            py.exec("def count(*args):\n    return len(args)\n");
            assertEquals(1, py.call(Integer.class, "count", (Object) new String[]{"a", "b", "c"}));
            assertEquals(1, py.call(Integer.class, "count", new String[]{"a", "b", "c"}), "a String[] is not spread");
            assertEquals(3, py.call(Integer.class, "count", new Object[]{"a", "b", "c"}), "an Object[] is the varargs");
            assertEquals(0, py.call(Integer.class, "count"));
        }
    }

    @Test
    void whatCannotCrossOrDoesNotFitIsNamedWithItsPath() {
        try (Interpreter py = SharedRuntime.get().create(Language.PYTHON)) {
            py.exec(PYTHON_ECHO);
            NotShareableError thread = assertThrows(NotShareableError.class, () -> py.call("echo", Map.of("worker", new Thread())));
            assertEquals("$.worker: Java object java.lang.Thread is not shareable (only JSON values and bytes cross between interpreters)",
                    thread.getMessage(), "platform objects are not data");
            NotShareableError empty = assertThrows(NotShareableError.class, () -> py.call("echo", List.of(1, new Object() { })));
            assertTrue(empty.getMessage().startsWith("$[1]: Java object "), empty.getMessage());

            NotShareableError misfit = assertThrows(NotShareableError.class, () -> py.call(Point.class, "echo", Map.of("x", "not a number")));
            assertTrue(misfit.getMessage().startsWith("$.x: cannot be read as "), misfit.getMessage());
        }
    }

    @Test
    void theEmbeddersObjectMapperDecidesTheShape() {
        record Reading(String sensorName, double valueC) {
        }
        try (Interpreters runtime = new Interpreters()
                .objectMapper(Shareable.newMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
             Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("def keys(r):\n    return sorted(r)\ndef echo(r):\n    return r\n");
            assertEquals(List.of("sensor_name", "value_c"), py.call(new TypeReference<List<String>>() { }, "keys", new Reading("t1", 21.5)));
            assertEquals(new Reading("t1", 21.5), py.call(Reading.class, "echo", new Reading("t1", 21.5)));
        }
    }

    @Test
    void aMissingFunctionIsNamedAndAGuestErrorIsOneLine() {
        try (Interpreter py = SharedRuntime.get().create(Language.PYTHON)) {
            NameNotDefined missing = assertThrows(NameNotDefined.class, () -> py.call("nope"));
            assertEquals("interpreter " + py.id() + " has no function 'nope' in __main__", missing.getMessage());
            assertEquals("nope", missing.name());
            assertEquals(py.id(), missing.interpreterId());
            assertThrows(NameNotDefined.class, () -> py.getMainAttr("nothing", String.class));

            py.exec("def fail():\n    raise KeyError('k')\n", "plugin.py");
            ExecutionFailed failed = assertThrows(ExecutionFailed.class, () -> py.call("fail"));
            assertEquals("KeyError: 'k' at plugin.py:2", failed.getMessage());
            assertTrue(failed.excInfo().traceback().startsWith("Traceback (most recent call last):"), failed.excInfo().traceback());
        }
    }

    @Test
    void aPoolGivesTypedResults() throws Exception {
        record Pair(int a, int b) {
        }
        try (InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.JS).size(1)
                .initializer("function sum(pair) { return pair.a + pair.b; }").build()) {
            assertEquals(7, pool.submitCall(Integer.class, "sum", new Pair(3, 4)).get());
        }
    }
}
