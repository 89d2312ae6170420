package dev.subinterp.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Interpreter API, the same for both languages: isolation, state, output, threads, closing. */
class InterpreterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Interpreters runtime = SharedRuntime.get();

    /** Defines {@code name} as a global holding {@code value}, in the guest's own syntax. */
    private static String assign(Language language, String name, String value) {
        return language == Language.PYTHON ? name + " = " + value : "var " + name + " = " + value + ";";
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void globalsAreIsolatedBetweenTwoInterpretersOfTheSameLanguage(Language language) {
        try (Interpreter a = runtime.create(language); Interpreter b = runtime.create(language)) {
            a.exec(assign(language, "shared_name", "'from a'"));
            b.exec(assign(language, "shared_name", "'from b'"));
            assertEquals("from a", a.getMainAttr("shared_name").asText());
            assertEquals("from b", b.getMainAttr("shared_name").asText());
            a.exec(assign(language, "only_in_a", "1"));
            assertThrows(NameNotDefined.class, () -> b.getMainAttr("only_in_a"),
                    "a global of one interpreter must not be visible in another");
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void execStatePersistsBetweenCalls(Language language) {
        try (Interpreter interp = runtime.create(language)) {
            interp.exec(assign(language, "total", "40"));
            interp.exec(language == Language.PYTHON ? "total += 2" : "total += 2;");
            assertEquals(42, interp.getMainAttr("total").asInt());
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void callRunsAFunctionDefinedInMainAndReturnsItsResult(Language language) {
        try (Interpreter interp = runtime.create(language)) {
            interp.exec(language == Language.PYTHON
                    ? "def greet(name, times):\n    return {'text': 'hi ' + name, 'times': times * 2}"
                    : "function greet(name, times) { return {text: 'hi ' + name, times: times * 2}; }");
            JsonNode result = interp.call("greet", "ada", 21);
            assertEquals("hi ada", result.get("text").asText());
            assertEquals(42, result.get("times").asInt());
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void callingWhatIsNotAFunctionSaysSo(Language language) {
        try (Interpreter interp = runtime.create(language)) {
            interp.exec(assign(language, "number", "3"));
            assertThrows(NameNotDefined.class, () -> interp.call("missing"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> interp.call("number"));
            assertTrue(e.getMessage().contains("not a function"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void outputGoesToTheSinksGivenAtCreation(Language language) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter interp = runtime.newInterpreter(language).stdout(out).stderr(err).create()) {
            interp.exec(language == Language.PYTHON
                    ? "import sys\nprint('to out')\nprint('to err', file=sys.stderr)"
                    : "console.log('to out'); console.error('to err');");
            assertEquals("to out\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("to err\n", err.toString(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void closeEndsTheThreadAndAClosedInterpreterRefusesCalls(Language language) {
        Interpreter interp = runtime.create(language);
        int id = interp.id();
        assertTrue(runtime.listAll().contains(interp));
        interp.close();
        interp.close();   // idempotent
        assertFalse(runtime.listAll().contains(interp));
        assertTrue(InterpreterThreads.alive().stream().noneMatch(t -> t.getName().startsWith("interpreter-" + id + "-")),
                "the interpreter's thread must be gone after close()");
        InterpreterClosedError e = assertThrows(InterpreterClosedError.class, () -> interp.exec("1"));
        assertTrue(e.getMessage().contains("interpreter " + id + " is closed"), e.getMessage());
    }

    @Test
    void twentyInterpretersCreatedAndClosedLeaveNoThreadBehind() {
        java.util.Set<Thread> before = InterpreterThreads.alive();
        for (int i = 0; i < 20; i++) {
            Language language = i % 4 == 0 ? Language.PYTHON : Language.JS;
            try (Interpreter interp = runtime.create(language)) {
                interp.exec(assign(language, "i", String.valueOf(i)));
            }
        }
        assertEquals(java.util.Set.of(), InterpreterThreads.withoutSpares(InterpreterThreads.startedSince(before)),
                "close() returns once the thread is gone (the runtime, still open, may keep a spare)");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void callsFromEightHostThreadsAreSerializedOnTheInterpretersOwnThread(Language language) throws Exception {
        try (Interpreter interp = runtime.create(language)) {
            interp.exec(language == Language.PYTHON
                    ? "import threading\ncount = 0\nthreads = set()\n"
                    + "def bump():\n    global count\n    seen = count\n    threads.add(threading.get_ident())\n"
                    + "    for _ in range(200): pass\n    count = seen + 1\n    return count\n"
                    + "def thread_count():\n    return len(threads)"
                    : "var count = 0;\nfunction bump() { const seen = count; for (let i = 0; i < 200; i++) {} count = seen + 1; return count; }");
            List<Thread> callers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 8; t++) {
                Thread caller = new Thread(() -> {
                    try {
                        for (int i = 0; i < 25; i++) interp.call("bump");
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                callers.add(caller);
                caller.start();
            }
            for (Thread caller : callers) caller.join();
            assertEquals(List.of(), failures);
            assertEquals(200, interp.getMainAttr("count").asInt(), "a lost update means two calls overlapped");
            if (language == Language.PYTHON) {
                assertEquals(1, interp.call("thread_count").asInt(), "every call must run on the interpreter's one thread");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void callInThreadReturnsAFutureOfTheResult(Language language) {
        try (Interpreter interp = runtime.create(language)) {
            interp.exec(language == Language.PYTHON ? "def square(x): return x * x" : "function square(x) { return x * x; }");
            List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) futures.add(interp.callInThread("square", i));
            for (int i = 0; i < 10; i++) assertEquals(i * i, futures.get(i).join().asInt());
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aCallPastItsTimeLimitStopsAndTheInterpreterStaysUsable(Language language) {
        try (Interpreter interp = runtime.newInterpreter(language).timeLimit(Duration.ofMillis(300)).create()) {
            TimeLimitExceeded e = assertThrows(TimeLimitExceeded.class,
                    () -> interp.exec(language == Language.PYTHON ? "while True: pass" : "while (true) {}"));
            assertEquals(Duration.ofMillis(300), e.limit());
            interp.exec(assign(language, "after", "'still alive'"));
            assertEquals("still alive", interp.getMainAttr("after").asText());
        }
    }

    @Test
    void closingFromAnotherThreadCancelsARunningCall() throws Exception {
        Interpreter interp = runtime.create(Language.JS);
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> interp.exec("while (true) {}"));
        while (!interp.isRunning()) Thread.sleep(5);
        interp.close();
        Throwable cause = assertThrows(java.util.concurrent.CompletionException.class, running::join).getCause();
        assertTrue(cause instanceof InterpreterClosedError, "got " + cause);
    }

    @Test
    void closingAnInterpreterThatWaitsOnAnotherReturnsAndSoDoesRuntimeClose() {
        // A hang guard, not a speed check: before the fix, close() waited forever here.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            Interpreters own = new Interpreters();
            Interpreter a = own.create(Language.JS);
            a.exec("var b = interpreters.create('js'); b.exec('function spin() { while (true) {} }');");
            Interpreter b = own.listAll().get(1);
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> a.exec("b.call('spin');"));
            while (!b.isRunning()) Thread.sleep(5);
            a.close();
            assertThrows(java.util.concurrent.CompletionException.class, waiting::join);
            own.close();
            assertTrue(b.isClosed());
        });
    }

    @Test
    void pythonSysExitClosesTheInterpreterWithItsStatus() {
        Interpreter interp = runtime.create(Language.PYTHON);
        InterpreterExited e = assertThrows(InterpreterExited.class, () -> interp.exec("import sys\nsys.exit(3)"));
        assertEquals(3, e.status());
        assertTrue(interp.isClosed());
        assertThrows(InterpreterClosedError.class, () -> interp.exec("1"));
    }

    @Test
    void theJsStatementLimitCountsPerCallAndStopsARunawayCall() {
        var policy = dev.subinterp.policy.PolicyLoader.parse("test", "{\"limits\": {\"statementsPerCall\": {\"js\": 100000}}}", dev.subinterp.policy.PolicyLoader.defaultPolicy());
        try (Interpreters limited = new Interpreters(policy); Interpreter js = limited.create(Language.JS)) {
            for (int call = 0; call < 5; call++) {
                js.exec("for (let i = 0; i < 10000; i++) {}");   // 5 x 10,000 statements: each call is within the limit
            }
            assertThrows(LimitExceeded.class, () -> js.exec("for (let i = 0; ; i++) {}"));
            assertTrue(js.isClosed(), "GraalVM cancels a context that hits a resource limit");
            try (Interpreter next = limited.create(Language.JS)) {
                next.exec("var fine = 1;");
                assertEquals(1, next.getMainAttr("fine").asInt());
            }
        }
    }

    @Test
    void aPolicyThatOmitsALanguageRefusesIt() {
        var policy = dev.subinterp.policy.PolicyLoader.parse("js-only", "{\"languages\": [\"js\"]}", dev.subinterp.policy.PolicyLoader.defaultPolicy());
        try (Interpreters jsOnly = new Interpreters(policy)) {
            var e = assertThrows(dev.subinterp.policy.PolicyException.class, () -> jsOnly.create(Language.PYTHON));
            assertTrue(e.getMessage().contains("does not allow python"), e.getMessage());
        }
    }

    @Test
    void prepareMainBindsCopiesOfJsonValues() throws Exception {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            List<Object> items = new ArrayList<>(List.of(1, 2));
            py.prepareMain(Map.of("config", Map.of("name", "x", "items", items)));
            items.add(3);   // later changes on the host never show in the guest
            py.exec("n = len(config['items'])\nkind = type(config).__name__");
            assertEquals(2, py.getMainAttr("n").asInt());
            assertEquals("dict", py.getMainAttr("kind").asText(), "values arrive as native dicts, not proxies");
            assertEquals(JSON.readTree("{\"name\":\"x\",\"items\":[1,2]}"), py.getMainAttr("config"));
        }
    }

}
