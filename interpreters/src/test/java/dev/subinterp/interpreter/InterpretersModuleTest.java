package dev.subinterp.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code interpreters} module inside guests. The Python checklists in test-fixtures/interpreters
 * run inside a Python interpreter; each of their test functions becomes one JUnit test here.
 */
class InterpretersModuleTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures", "interpreters");
    private static final String HARNESS = """
            def run_checklist():
                import traceback
                results = {}
                for name, test in list(globals().items()):
                    if name.startswith('test_') and callable(test) and test.__module__ == '__main__':
                        try:
                            test()
                            results[name] = None
                        except BaseException:
                            results[name] = traceback.format_exc()
                return results
            """;
    private final Interpreters runtime = SharedRuntime.get();

    @TestFactory
    List<DynamicTest> cpythonTestApiChecklist() throws IOException {
        return checklist("test_api.py");
    }

    @TestFactory
    List<DynamicTest> cpythonTestQueuesChecklist() throws IOException {
        return checklist("test_queues.py");
    }

    private List<DynamicTest> checklist(String file) throws IOException {
        JsonNode results;
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec(Files.readString(FIXTURES.resolve("checklist.py")), "checklist.py");
            py.exec(Files.readString(FIXTURES.resolve(file)), file);
            py.exec(HARNESS, "harness.py");
            results = py.call("run_checklist");
        }
        List<DynamicTest> tests = new ArrayList<>();
        results.properties().forEach(e -> tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
            if (!e.getValue().isNull()) fail(file + " " + e.getKey() + " failed inside the guest:\n" + e.getValue().asText());
        })));
        assertTrue(tests.size() > 10, "the checklist ran: " + tests.size());
        return tests;
    }

    @Test
    void guestCreatedInterpretersArePeersTheHostSeesAndClosesWithTheRuntime() {
        try (Interpreters own = new Interpreters()) {
            Interpreter js = own.create(Language.JS);
            js.exec("var made = interpreters.create(); var made2 = interpreters.create('python');");
            List<Integer> ids = own.listAll().stream().map(Interpreter::id).toList();
            assertEquals(3, ids.size(), "the host lists the guest-created ones: " + ids);
            Interpreter guestMade = own.listAll().get(1);
            assertEquals("stdlib", guestMade.whence());
            assertEquals("C-API", js.whence());
            guestMade.exec("var fromHost = 1;");
        }
    }

    @Test
    void javascriptHasTheSameModuleInCamelCase() {
        try (Interpreter js = runtime.create(Language.JS)) {
            js.exec("""
                    const py = interpreters.create('python');
                    py.exec('def mul(a, b):\\n    return a * b');
                    const product = py.call('mul', 6, 7);
                    let failure;
                    try { py.exec('raise KeyError("k")'); } catch (e) {
                      failure = [e.name, e instanceof interpreters.ExecutionFailed, e instanceof Error, e.excinfo.type.__name__];
                    }
                    const q = interpreters.createQueue();
                    py.prepareMain({q, n: 2});
                    py.exec('q.put([n, n * n])');
                    var report = {
                      product, failure, fromQueue: q.get(), language: py.language, whence: py.whence,
                      current: interpreters.getCurrent().id, main: interpreters.getMain().id,
                      listed: interpreters.listAll().some(i => i.id === py.id), running: py.isRunning(),
                      shareable: [interpreters.isShareable({a: [1]}), interpreters.isShareable(() => 1)],
                      same: interpreters.listAll().find(i => i.id === py.id) === py,
                    };
                    py.close();
                    """);
            JsonNode report = js.getMainAttr("report");
            assertEquals(42, report.get("product").asInt());
            assertEquals("[\"ExecutionFailed\",true,true,\"KeyError\"]", report.get("failure").toString());
            assertEquals("[2,4]", report.get("fromQueue").toString());
            assertEquals("python", report.get("language").asText());
            assertEquals("stdlib", report.get("whence").asText());
            assertEquals(js.id(), report.get("current").asInt());
            assertEquals(0, report.get("main").asInt());
            assertEquals("[true,false]", report.get("shareable").toString());
            assertTrue(report.get("listed").asBoolean() && report.get("same").asBoolean() && !report.get("running").asBoolean());
        }
    }

    @Test
    void theJavascriptModuleCannotBeReplacedOrSeenThrough() {
        try (Interpreter js = runtime.create(Language.JS)) {
            js.exec("""
                    var before = interpreters;
                    try { interpreters = null; } catch (e) {}
                    var keys = Object.getOwnPropertyNames(interpreters);
                    var report = [interpreters === before, Object.isFrozen(interpreters), keys.some(k => /bridge|request/i.test(k))];
                    """);
            assertEquals("[true,true,false]", js.getMainAttr("report").toString());
        }
    }

    @Test
    void interpreterPoolExecutorRunsTasksInWorkerInterpreters() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("""
                    from concurrent.futures import InterpreterPoolExecutor
                    import interpreters

                    def setup(base):
                        global offset
                        offset = base

                    def work(x):
                        import interpreters
                        return [x + offset, interpreters.get_current().id]

                    def fail(x):
                        raise ValueError(f'bad {x}')

                    with InterpreterPoolExecutor(max_workers=2, initializer=setup, initargs=(100,)) as pool:
                        results = list(pool.map(work, range(6)))
                        future = pool.submit(fail, 7)
                        error = future.exception()
                        failure = [type(error).__name__, str(error), type(error.__cause__).__name__]
                    me = interpreters.get_current().id
                    workers = sorted({worker for _, worker in results})
                    values = [value for value, _ in results]
                    left = [i.id for i in interpreters.list_all() if i.id in workers]
                    """);
            assertEquals("[100,101,102,103,104,105]", py.getMainAttr("values").toString());
            assertEquals("[\"ValueError\",\"bad 7\",\"ExecutionFailed\"]", py.getMainAttr("failure").toString());
            JsonNode workers = py.getMainAttr("workers");
            assertTrue(workers.size() >= 1 && workers.size() <= 2, "tasks ran in the worker interpreters: " + workers);
            for (JsonNode worker : workers) assertTrue(worker.asInt() != py.id(), "not in the caller");
            assertEquals("[]", py.getMainAttr("left").toString(), "shutdown closes the worker interpreters");
        }
    }

    @Test
    void aHostCallIntoAGuestThatCallsBackIntoTheHostsOtherInterpreterDoesNotDeadlock() {
        try (Interpreter a = runtime.create(Language.PYTHON)) {
            a.exec("""
                    import interpreters
                    def value():
                        return 'from a'
                    b = interpreters.create()
                    b.prepare_main(a_id=interpreters.get_current().id)
                    b.exec("import interpreters\\ndef ask_a():\\n    return interpreters.Interpreter(a_id).call('value')")
                    def round_trip():
                        return b.call('ask_a')
                    """);
            assertEquals("from a", a.call("round_trip").asText(), "A -> B -> A");
        }
    }

    @Test
    void closingTheHostCreatedInterpreterClosesItsFamily() throws InterruptedException {
        Interpreter parent = runtime.create(Language.JS);
        parent.exec("var child = interpreters.create('js'); child.exec(\"var grandchild = interpreters.create('js');\");");
        List<Interpreter> family = runtime.listAll().stream().filter(i -> i.id() > parent.id()).toList();
        assertEquals(2, family.size(), "a child and a grandchild");
        parent.close();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (family.stream().anyMatch(i -> !i.isClosed()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(family.stream().allMatch(Interpreter::isClosed), "their places are free again");
    }

    @Test
    void aGuestCannotRunCodeInInterpretersOfAnotherFamily() {
        try (Interpreter a = runtime.create(Language.PYTHON); Interpreter other = runtime.create(Language.JS)) {
            other.exec("var child = interpreters.create('js');");
            int childOfOther = runtime.listAll().stream().mapToInt(Interpreter::id).max().orElseThrow();
            a.prepareMain(Map.of("other_id", other.id(), "nephew_id", childOfOther));
            a.exec("""
                    import interpreters
                    refused = []
                    for target in (other_id, nephew_id):
                        for attempt in (lambda i: i.exec('1'), lambda i: i.prepare_main(x=1), lambda i: i.close()):
                            try:
                                attempt(interpreters.Interpreter(target))
                            except interpreters.InterpreterError as e:
                                refused.append('another family' in str(e))
                    """);
            assertEquals("[true,true,true,true,true,true]", a.getMainAttr("refused").toString());
        }
    }
}
