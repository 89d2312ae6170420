package dev.subinterp.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.subinterp.channel.Queue;
import dev.subinterp.channel.SendChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.Shareable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only JSON values and bytes cross: each kind round-trips, everything else fails with its path. */
class ValuesCrossingTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final Interpreters runtime = SharedRuntime.get();

    private Interpreter echo(Language language) {
        Interpreter interp = runtime.create(language);
        interp.exec(language == Language.PYTHON
                ? "def echo(x): return x\ndef kind(x): return type(x).__name__"
                : "function echo(x) { return x; }\n"
                + "function kind(x) { return x === null ? 'null' : x instanceof Uint8Array ? 'Uint8Array' : Array.isArray(x) ? 'Array' : typeof x; }");
        return interp;
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyValueKindRoundTripsHostToGuestToHost(Language language) {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", 3.5, List.of()));
        nested.put("empty", Map.of());
        nested.put("nothing", null);
        List<Object> values = Arrays.asList(null, true, false, 0, -7, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                new BigInteger("123456789012345678901234567890"), 3.25, -0.5, 1e300, "", "plain",
                "héllo wörld, 你好, 🌍 emoji", List.of(1, List.of(2, List.of(3))), nested);
        try (Interpreter interp = echo(language)) {
            for (Object value : values) {
                JsonNode sent = Shareable.fromJava(value);
                assertEquals(sent, interp.call("echo", value), "call round trip of " + value);
                interp.prepareMain(Map.of("v", value == null ? NODES.nullNode() : value));
                assertEquals(sent, interp.getMainAttr("v"), "prepareMain/getMainAttr round trip of " + value);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void bytesKeepEveryByteValueAndArriveAsTheGuestsBytesType(Language language) {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        try (Interpreter interp = echo(language)) {
            assertArrayEquals(all, binary(interp.call("echo", (Object) all)));
            assertEquals(language == Language.PYTHON ? "bytes" : "Uint8Array", interp.call("kind", (Object) all).asText());
            byte[] big = new byte[1 << 20];
            new Random(7).nextBytes(big);
            assertArrayEquals(big, binary(interp.call("echo", (Object) big)), "1 MiB of random bytes");
            Map<String, Object> withBytes = Map.of("blob", all, "list", List.of(all, 1));
            JsonNode back = interp.call("echo", withBytes);
            assertArrayEquals(all, binary(back.get("blob")), "bytes nested in a map");
            assertArrayEquals(all, binary(back.get("list").get(0)), "bytes nested in a list");
        }
    }

    @Test
    void pythonBytesFilledByTheHostAreOrdinaryBytesAndLeaveNewOnesZeroed() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("def describe(b):\n"
                    + "    return [len(b), b == bytes(range(len(b))), hash(b) == hash(bytes(range(len(b)))), type(b).__name__]\n"
                    + "def fresh():\n"
                    + "    return [bytes(0) == b'', bytes(1) == b'\\x00', bytes(2) == b'\\x00\\x00']");
            for (int size : new int[]{0, 1, 2, 255}) {
                byte[] sent = new byte[size];
                for (int i = 0; i < size; i++) sent[i] = (byte) i;
                assertEquals("[" + size + ",true,true,\"bytes\"]", py.call("describe", (Object) sent).toString(), size + " bytes");
            }
            assertEquals("[true,true,true]", py.call("fresh").toString(), "bytes(n) made afterwards are still zeroed");
        }
    }

    @Test
    void guestBytesLikeValuesCrossAsBytes() {
        try (Interpreter py = runtime.create(Language.PYTHON); Interpreter js = runtime.create(Language.JS)) {
            py.exec("b = bytearray(b'\\x00\\xff'); m = memoryview(b'ab')");
            assertArrayEquals(new byte[]{0, (byte) 255}, binary(py.getMainAttr("b")));
            assertArrayEquals(new byte[]{'a', 'b'}, binary(py.getMainAttr("m")));
            js.exec("var view = new Uint8Array([9, 8, 7, 6]).subarray(1, 3); var buffer = new Uint8Array([5]).buffer;");
            assertArrayEquals(new byte[]{8, 7}, binary(js.getMainAttr("view")), "a view crosses as just its own bytes");
            assertArrayEquals(new byte[]{5}, binary(js.getMainAttr("buffer")));
        }
    }

    @Test
    void pythonKeepsIntsAndFloatsApartAndTuplesArriveAsLists() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("values = [2, 2.0, 2**100, -2**70, (1, 'a'), float('inf')]");
            JsonNode values = py.getMainAttr("values");
            assertTrue(values.get(0).isInt());
            assertTrue(values.get(1).isDouble(), "2.0 must stay a float");
            assertEquals(BigInteger.TWO.pow(100), values.get(2).bigIntegerValue());
            assertEquals(BigInteger.TWO.pow(70).negate(), values.get(3).bigIntegerValue());
            assertEquals(List.of(1, "a"), List.of(values.get(4).get(0).asInt(), values.get(4).get(1).asText()));
            assertTrue(Double.isInfinite(values.get(5).doubleValue()));
            py.prepareMain(Map.of("f", 2.0, "big", BigInteger.TWO.pow(80)));
            py.exec("kinds = [type(f).__name__, type(big).__name__, big == 2**80]");
            assertEquals("[\"float\",\"int\",true]", py.getMainAttr("kinds").toString());
        }
    }

    @Test
    void javascriptGetsBigIntsForIntegersItCannotHoldExactly() {
        try (Interpreter js = runtime.create(Language.JS)) {
            js.prepareMain(Map.of("big", Long.MAX_VALUE, "small", 42));
            js.exec("var kinds = [typeof big, typeof small, big === 9223372036854775807n];");
            assertEquals("[\"bigint\",\"number\",true]", js.getMainAttr("kinds").toString());
            js.exec("var huge = 2n ** 100n;");
            assertEquals(BigInteger.TWO.pow(100), js.getMainAttr("huge").bigIntegerValue());
        }
    }

    @Test
    void nonShareablePythonValuesFailWithTheirPath() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("""
                    def f(): pass
                    items = {'items': [1, 2, 3, f]}
                    a_set = {1, 2}
                    an_object = object()
                    cyclic = [1]
                    cyclic.append(cyclic)
                    int_keys = {'inner': {1: 'one'}}
                    """);
            assertNotShareable("$.items[3]", "function", () -> py.getMainAttr("items"));
            assertNotShareable("$", "set", () -> py.getMainAttr("a_set"));
            assertNotShareable("$", "object", () -> py.getMainAttr("an_object"));
            assertNotShareable("$[1]", "list", () -> py.getMainAttr("cyclic"));
            assertNotShareable("$.inner", "int", () -> py.getMainAttr("int_keys"));
            py.exec("def give_function(): return f");
            assertNotShareable("$", "function", () -> py.call("give_function"));
        }
    }

    @Test
    void nonShareableJavascriptValuesFailWithTheirPath() {
        try (Interpreter js = runtime.create(Language.JS)) {
            js.exec("""
                    var withFunction = {a: {b: [0, () => 1]}};
                    class Point { constructor() { this.x = 1; } }
                    var point = new Point();
                    var cyclic = {self: null}; cyclic.self = cyclic;
                    var date = new Date(0);
                    """);
            assertNotShareable("$.a.b[1]", "Function", () -> js.getMainAttr("withFunction"));
            assertNotShareable("$", "Point", () -> js.getMainAttr("point"));
            assertNotShareable("$.self", "Object", () -> js.getMainAttr("cyclic"));
            assertNotShareable("$", "Date", () -> js.getMainAttr("date"));
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aValueInTwoPlacesIsCopiedTwiceNotTakenForACycle(Language language) {
        try (Interpreter interp = runtime.create(language)) {
            interp.exec(language == Language.PYTHON
                    ? "shared = [1]\ntwice = [shared, {'again': shared, 'deeper': [[shared]]}]"
                    : "var shared = [1]; var twice = [shared, {again: shared, deeper: [[shared]]}];");
            assertEquals("[[1],{\"again\":[1],\"deeper\":[[[1]]]}]", interp.getMainAttr("twice").toString());
        }
    }

    @Test
    void nonShareableJavaValuesFailBeforeReachingTheGuest() {
        try (Interpreter py = echo(Language.PYTHON)) {
            assertNotShareable("$[1]", "Java object java.lang.Thread", () -> py.call("echo", List.of(1, new Thread())));
            assertEquals("[1]", py.call("echo", new java.util.HashSet<>(Set.of(1))).toString(), "a set crosses as a list");
            List<Object> cyclic = new ArrayList<>();
            cyclic.add(cyclic);
            assertNotShareable("$[0]", "java.util.ArrayList", () -> py.call("echo", cyclic));
            Map<Object, Object> intKeys = Map.of(1, "one");
            assertNotShareable("$", "java.lang.Integer", () -> py.call("echo", intKeys));
            NotShareableError e = assertThrows(NotShareableError.class,
                    () -> py.prepareMain(Map.of("config", Map.of("hooks", List.of(new Object())))));
            assertEquals("$.config.hooks[0]", e.path());
        }
    }

    // ---- the two limits: nesting depth and integer digits, the same at every door -------------------

    /** A guest with echo(x), nest(depth) (depth lists one inside another around 1) and doors(value). */
    private Interpreter limits(Language language) {
        Interpreter interp = echo(language);
        interp.exec(language == Language.PYTHON ? """
                import interpreters

                def nest(depth):
                    value = 1
                    for _ in range(depth):
                        value = [value]
                    return value

                def doors(value):
                    # What becomes of value at each door a guest has: 'crossed' or the NotShareableError's message.
                    other = interpreters.create()
                    other.exec('def echo(x):\\n    return x')
                    queue = interpreters.create_queue()
                    outcomes = {'is_shareable': interpreters.is_shareable(value)}
                    for door, cross in [('queue', lambda: queue.put(value)), ('call', lambda: other.call('echo', value)),
                                        ('prepare_main', lambda: other.prepare_main(v=value))]:
                        try:
                            cross()
                            outcomes[door] = 'crossed'
                        except interpreters.NotShareableError as e:
                            outcomes[door] = str(e)
                    other.close()
                    return outcomes
                """ : """
                function nest(depth) {
                  let value = 1;
                  for (let i = 0; i < depth; i++) value = [value];
                  return value;
                }
                function doors(value) {
                  const other = interpreters.create();
                  other.exec('function echo(x) { return x; }');
                  const queue = interpreters.createQueue();
                  const outcomes = {is_shareable: interpreters.isShareable(value)};
                  const crossings = {queue: () => queue.put(value), call: () => other.call('echo', value),
                                     prepare_main: () => other.prepareMain({v: value})};
                  for (const [door, cross] of Object.entries(crossings)) {
                    try {
                      cross();
                      outcomes[door] = 'crossed';
                    } catch (e) {
                      if (!(e instanceof interpreters.NotShareableError)) throw e;
                      outcomes[door] = e.message;
                    }
                  }
                  other.close();
                  return outcomes;
                }
                """);
        return interp;
    }

    /** {@code depth} Java lists one inside another around 1. */
    private static Object nest(int depth) {
        Object value = 1;
        for (int i = 0; i < depth; i++) value = List.of(value);
        return value;
    }

    private static final String FIRST_TOO_DEEP = "$" + "[0]".repeat(Shareable.MAX_DEPTH);

    @ParameterizedTest
    @EnumSource(Language.class)
    void valuesNested256DeepCrossBothWays(Language language) {
        assertEquals(256, Shareable.MAX_DEPTH);
        JsonNode deepest = Shareable.fromJava(nest(256));
        try (Interpreter interp = limits(language)) {
            assertEquals(deepest, interp.call("echo", nest(256)), "host -> guest -> host");
            interp.prepareMain(Map.of("v", nest(256)));
            assertEquals(deepest, interp.getMainAttr("v"), "prepareMain, getMainAttr");
            assertEquals(deepest, interp.call("nest", 256), "a guest-made value");
            interp.exec(language == Language.PYTHON ? "outcomes = doors(nest(256))" : "var outcomes = doors(nest(256));");
            assertEquals("{\"is_shareable\":true,\"queue\":\"crossed\",\"call\":\"crossed\",\"prepare_main\":\"crossed\"}",
                    interp.getMainAttr("outcomes").toString(), "a call's arguments and prepare_main's names each count on their own");
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void oneLevelDeeperIsRefusedAtEveryDoorNamingThePathAndTheLimit(Language language) {
        String refusal = ": nesting deeper than 256 is not shareable";
        try (Interpreter interp = limits(language)) {
            assertEquals(FIRST_TOO_DEEP + refusal, assertThrows(NotShareableError.class, () -> interp.call("echo", nest(257))).getMessage());
            assertEquals("$.v" + FIRST_TOO_DEEP.substring(1) + refusal,
                    assertThrows(NotShareableError.class, () -> interp.prepareMain(Map.of("v", nest(257)))).getMessage());
            assertEquals(FIRST_TOO_DEEP + refusal, assertThrows(NotShareableError.class, () -> interp.call("nest", 257)).getMessage(),
                    "a result");
            Queue queue = runtime.createQueue(0);
            assertEquals(FIRST_TOO_DEEP + refusal, assertThrows(NotShareableError.class, () -> queue.put(nest(257))).getMessage());
            SendChannel send = runtime.createChannel().sendEnd();
            assertEquals(FIRST_TOO_DEEP + refusal, assertThrows(NotShareableError.class, () -> send.sendNowait(nest(257))).getMessage());

            interp.exec(language == Language.PYTHON ? "outcomes = doors(nest(257))" : "var outcomes = doors(nest(257));");
            JsonNode outcomes = interp.getMainAttr("outcomes");
            assertFalse(outcomes.get("is_shareable").asBoolean());
            assertEquals(FIRST_TOO_DEEP + refusal, outcomes.get("queue").asText());
            assertEquals("$[0]" + FIRST_TOO_DEEP.substring(1) + refusal, outcomes.get("call").asText(), "the path starts at the arguments");
            assertEquals("$.v" + FIRST_TOO_DEEP.substring(1) + refusal, outcomes.get("prepare_main").asText());
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aHundredThousandDeepIsRefusedAtTheLimitWithoutOverflowingTheStack(Language language) {
        try (Interpreter interp = limits(language)) {
            interp.exec(language == Language.PYTHON ? "deep = nest(100_000)" : "var deep = nest(100000);");
            assertEquals(FIRST_TOO_DEEP, assertThrows(NotShareableError.class, () -> interp.getMainAttr("deep")).path());
            interp.exec(language == Language.PYTHON ? "shareable = interpreters.is_shareable(deep)" : "var shareable = interpreters.isShareable(deep);");
            assertFalse(interp.getMainAttr("shareable").asBoolean());
            assertEquals(FIRST_TOO_DEEP, assertThrows(NotShareableError.class, () -> interp.call("echo", nest(100_000))).path());
        }
        ArrayNode tree = NODES.arrayNode();
        for (int i = 0; i < 100_000; i++) tree = NODES.arrayNode().add(tree);
        JsonNode deepTree = tree;
        assertEquals(FIRST_TOO_DEEP, assertThrows(NotShareableError.class, () -> Shareable.fromJava(deepTree)).path());
        ArrayNode containsItself = NODES.arrayNode();
        containsItself.add(containsItself);
        assertEquals(FIRST_TOO_DEEP, assertThrows(NotShareableError.class, () -> Shareable.fromJava(containsItself)).path());
    }

    private static final BigInteger LONGEST = BigInteger.TEN.pow(Shareable.MAX_INTEGER_DIGITS).subtract(BigInteger.ONE);
    private static final BigInteger TOO_LONG = BigInteger.TEN.pow(Shareable.MAX_INTEGER_DIGITS);

    @ParameterizedTest
    @EnumSource(Language.class)
    void integersOf4300DigitsCrossEveryDoorAsTheGuestsOwnIntegers(Language language) throws InterruptedException {
        assertEquals(4300, LONGEST.toString().length());
        try (Interpreter interp = limits(language)) {
            for (BigInteger n : List.of(LONGEST, LONGEST.negate())) {
                assertEquals(n, interp.call("echo", n).bigIntegerValue());
                assertEquals(language == Language.PYTHON ? "int" : "bigint", interp.call("kind", n).asText());
                interp.prepareMain(Map.of("n", n));
                assertEquals(n, interp.getMainAttr("n").bigIntegerValue());
            }
            interp.exec(language == Language.PYTHON ? "made = -(10 ** 4300 - 1)" : "var made = -(10n ** 4300n - 1n);");
            assertEquals(LONGEST.negate(), interp.getMainAttr("made").bigIntegerValue());
            Queue queue = runtime.createQueue(0);
            queue.put(LONGEST);
            interp.prepareMain(Map.of("queue", queue));
            interp.exec(language == Language.PYTHON ? "queue.put(queue.get() - 1)" : "queue.put(queue.get() - 1n);");
            assertEquals(LONGEST.subtract(BigInteger.ONE), queue.get().bigIntegerValue(), "through a queue, both ways");
            interp.exec(language == Language.PYTHON ? "outcomes = doors(made)" : "var outcomes = doors(made);");
            assertEquals("{\"is_shareable\":true,\"queue\":\"crossed\",\"call\":\"crossed\",\"prepare_main\":\"crossed\"}",
                    interp.getMainAttr("outcomes").toString());
        }
    }

    @Test
    void pythonGetsHostIntegersWhateverItsOwnIntMaxStrDigits() {
        try (Interpreter py = echo(Language.PYTHON)) {
            py.exec("import sys\nsys.set_int_max_str_digits(640)");
            assertEquals(LONGEST, py.call("echo", LONGEST).bigIntegerValue());
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void integersOfMoreThan4300DigitsAreRefusedAtEveryDoor(Language language) {
        String refusal = ": integer of more than 4300 digits is not shareable";
        try (Interpreter interp = limits(language)) {
            assertEquals("$" + refusal, assertThrows(NotShareableError.class, () -> interp.call("echo", TOO_LONG)).getMessage());
            assertEquals("$[1]" + refusal, assertThrows(NotShareableError.class,
                    () -> interp.call("echo", List.of(1, TOO_LONG.negate()))).getMessage());
            assertEquals("$.n" + refusal, assertThrows(NotShareableError.class,
                    () -> interp.prepareMain(Map.of("n", TOO_LONG))).getMessage());
            Queue queue = runtime.createQueue(0);
            assertEquals("$" + refusal, assertThrows(NotShareableError.class, () -> queue.put(TOO_LONG)).getMessage());
            SendChannel send = runtime.createChannel().sendEnd();
            assertEquals("$" + refusal, assertThrows(NotShareableError.class, () -> send.sendNowait(TOO_LONG)).getMessage());

            interp.exec(language == Language.PYTHON ? "too_long = {'n': 10 ** 4300}\ndef give(): return too_long"
                    : "var too_long = {n: 10n ** 4300n}; function give() { return too_long; }");
            assertEquals("$.n" + refusal, assertThrows(NotShareableError.class, () -> interp.getMainAttr("too_long")).getMessage());
            assertEquals("$.n" + refusal, assertThrows(NotShareableError.class, () -> interp.call("give")).getMessage(), "a result");
            interp.exec(language == Language.PYTHON ? "outcomes = doors(too_long)" : "var outcomes = doors(too_long);");
            JsonNode outcomes = interp.getMainAttr("outcomes");
            assertFalse(outcomes.get("is_shareable").asBoolean());
            assertEquals("$.n" + refusal, outcomes.get("queue").asText());
            assertEquals("$[0].n" + refusal, outcomes.get("call").asText());
            assertEquals("$.v.n" + refusal, outcomes.get("prepare_main").asText());
        }
    }

    private static void assertNotShareable(String path, String type, Runnable action) {
        NotShareableError e = assertThrows(NotShareableError.class, action::run);
        assertEquals(path, e.path(), e.getMessage());
        assertEquals(type, e.typeName(), e.getMessage());
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    }

    private static byte[] binary(JsonNode node) {
        assertTrue(node.isBinary(), "expected bytes, got " + node.getNodeType());
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
