package dev.subinterp.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.channel.Queue;
import dev.subinterp.channel.QueueFull;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import org.graalvm.polyglot.HostAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each policy switch, shown on and off with real guests: {@code open} turns switches on (with small
 * limits), {@code strict} is the preset, {@code default} the preset used when none is named.
 */
class PolicySwitchesTest {
    private static final String OPEN_POLICY = """
            {"extends": "trusted", "hostAccess": "exported", "hostClasses": ["java.util.ArrayList"],
             "files": {"access": "read-write", "roots": ["${scriptDir}", "/usr/bin"]}, "environment": ["PATH"],
             "output": {"stderr": "discard"},
             "limits": {"threads": 2, "outputBytes": "1KiB", "interpreters": 6, "queueBytes": 200, "recursionDepth": 200}}
            """;
    private static Interpreters open;
    private static Interpreters strict;

    @TempDir
    Path dir;

    @BeforeAll
    static void runtimes() {
        open = new Interpreters(PolicyLoader.parse("open", OPEN_POLICY));
        strict = new Interpreters(PolicyLoader.preset("strict"));
    }

    @AfterAll
    static void close() {
        open.close();
        strict.close();
    }

    private static String run(Interpreters runtime, Language language, Path scriptDir, String code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Interpreter.Builder builder = runtime.newInterpreter(language).stdout(out);
        if (scriptDir != null) {
            builder.scriptDirectory(scriptDir);
        }
        try (Interpreter interp = builder.create()) {
            interp.exec(code);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private static ExcInfo fails(Interpreters runtime, Language language, Path scriptDir, String code) {
        return assertThrows(ExecutionFailed.class, () -> run(runtime, language, scriptDir, code)).excInfo();
    }

    // ---- files ------------------------------------------------------------------------------------

    @Test
    void filesReadWriteUnderTheRootsOnly() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path root = Files.createDirectories(dir.resolve("root"));
        assertEquals("written", run(open, Language.PYTHON, root, """
                with open('%s/note.txt', 'w') as f:
                    f.write('written')
                with open('%s/note.txt') as f:
                    print(f.read())
                """.formatted(root, root)));
        assertEquals("PermissionError", fails(open, Language.PYTHON, root, "open('%s/x.txt', 'w')".formatted(outside)).type());
        assertEquals("PermissionError", fails(open, Language.PYTHON, root, "open('%s/../outside/x.txt', 'w')".formatted(root)).type());
        assertFalse(Files.exists(outside.resolve("x.txt")));
    }

    @Test
    void aFileWrittenAsideReplacesAnotherAtomicallyAsPipAndCachesDo() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outside.resolve("kept.txt"), "kept");
        assertEquals("new", run(open, Language.PYTHON, root, """
                import os
                with open('%1$s/config.json.tmp', 'w') as f:
                    f.write('old')
                os.replace('%1$s/config.json.tmp', '%1$s/config.json')
                with open('%1$s/config.json.tmp', 'w') as f:
                    f.write('new')
                os.replace('%1$s/config.json.tmp', '%1$s/config.json')
                print(open('%1$s/config.json').read())
                """.formatted(root)));
        assertEquals(List.of("config.json"), Files.list(root).map(p -> p.getFileName().toString()).toList());
        assertEquals("PermissionError", fails(open, Language.PYTHON, root,
                "import os; os.replace('%s/config.json', '%s/kept.txt')".formatted(root, outside)).type());
        assertEquals("kept", Files.readString(outside.resolve("kept.txt")));
    }

    @Test
    void aGuestCannotEscapeTheRootsThroughLinksItMakes() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("host-link"), outside);
        String report = run(open, Language.PYTHON, root, """
                import os
                root, outside = %s, %s
                results = []
                os.makedirs(root + '/a/b/c')
                os.symlink(root, root + '/a/b/c/s')                       # inside: allowed
                for attempt in (
                        lambda: os.symlink('../../../../outside/pwn', root + '/a/b/c/s/L'),   # really root/L -> outside
                        lambda: os.symlink(outside, root + '/out'),
                        lambda: open(root + '/host-link/x', 'w')):                    # a link already there
                    try:
                        attempt()
                        results.append('allowed')
                    except PermissionError:
                        results.append('refused')
                print(results)
                """.formatted("'" + root + "'", "'" + outside + "'"));
        assertEquals("['refused', 'refused', 'refused']", report);
        try (var left = Files.list(outside)) {
            assertEquals(0, left.count(), "nothing was created outside the roots");
        }
    }

    @Test
    void theDefaultPolicyReadsTheScriptsOwnDirectoryAndWritesNothing() throws IOException {
        Files.writeString(dir.resolve("data.txt"), "beside the script");
        Interpreters standard = SharedRuntime.get();
        assertEquals("beside the script", run(standard, Language.PYTHON, dir, "print(open('%s/data.txt').read())".formatted(dir)));
        assertEquals("PermissionError", fails(standard, Language.PYTHON, dir, "open('%s/new.txt', 'w')".formatted(dir)).type());
        assertEquals("PermissionError", fails(standard, Language.PYTHON, dir, "open('/etc/hostname').read()").type());
    }

    @Test
    void strictReadsNoFileAtAll() throws IOException {
        Files.writeString(dir.resolve("data.txt"), "beside the script");
        ExcInfo e = fails(strict, Language.PYTHON, dir, "open('%s/data.txt').read()".formatted(dir));
        assertTrue(e.type().endsWith("Error"), e.formatted());
    }

    // ---- environment, host access, class lookup ---------------------------------------------------

    @Test
    void onlyListedEnvironmentVariablesAreVisible() {
        assertEquals((System.getenv("PATH") != null ? "True" : "False") + " False",
                run(open, Language.PYTHON, null, "import os; print('PATH' in os.environ, 'HOME' in os.environ)"));
        assertEquals("False False", run(strict, Language.PYTHON, null, "import os; print('PATH' in os.environ, 'HOME' in os.environ)"));
    }

    /** A host object the embedder hands in: only its exported method is reachable under "exported". */
    public static final class Greeter {
        @HostAccess.Export
        public String greet(String name) {
            return "hello " + name;
        }

        public String secret() {
            return "not exported";
        }
    }

    @Test
    void exportedHostAccessReachesOnlyExportedMembersAndNoneRefusesHostObjects() {
        try (Interpreter js = open.newInterpreter(Language.JS).hostObject("greeter", new Greeter()).create()) {
            js.exec("var greeting = greeter.greet('guest'); var hidden = typeof greeter.secret;");
            assertEquals("hello guest", js.getMainAttr("greeting").asText());
            assertEquals("undefined", js.getMainAttr("hidden").asText());
        }
        PolicyException e = assertThrows(PolicyException.class, () -> strict.newInterpreter(Language.JS).hostObject("greeter", new Greeter()));
        assertEquals("$.hostAccess", e.jsonPath());
    }

    @Test
    void classLookupFollowsTheAllowList() {
        assertEquals("object", run(open, Language.JS, null, "print(typeof Java.type('java.util.ArrayList'))"));
        assertTrue(fails(open, Language.JS, null, "Java.type('java.lang.Runtime')").message().contains("java.lang.Runtime"));
        fails(strict, Language.JS, null, "Java.type('java.util.ArrayList')");
        fails(strict, Language.PYTHON, null, "import java; java.type('java.util.ArrayList')");
    }

    // ---- threads, processes, native access, polyglot eval ------------------------------------------

    @Test
    void threadsRunUpToTheCapAndNotAtAllWhenSwitchedOff() {
        String capped = run(open, Language.PYTHON, null, """
                import threading
                release = threading.Event()
                workers = [threading.Thread(target=release.wait) for _ in range(3)]
                workers[0].start(); workers[1].start()
                try:
                    workers[2].start()
                    print('third started')
                except RuntimeError as e:
                    print('refused:', e)
                release.set()
                workers[0].join(); workers[1].join()
                again = threading.Thread(target=lambda: None); again.start(); again.join()
                print('after release: ok')
                """);
        assertTrue(capped.contains("refused: can't start new thread: the sandbox policy allows 2 threads"), capped);
        assertTrue(capped.endsWith("after release: ok"), capped);
        fails(strict, Language.PYTHON, null, "import threading; t = threading.Thread(target=print); t.start()");
    }

    @Test
    void processesStartOnlyWhenAllowed() {
        assertEquals("b'from a child process\\n'", run(open, Language.PYTHON, null,
                "import subprocess; print(subprocess.run(['/usr/bin/echo', 'from a child process'], stdout=subprocess.PIPE).stdout)"));
        assertThrows(InterpreterError.class, () -> run(strict, Language.PYTHON, null, "import os; os.system('true')"));
        fails(strict, Language.PYTHON, null, "import subprocess; subprocess.run(['true'])");
    }

    @Test
    void nativeCodeLoadsOnlyWhenAllowed() {
        assertEquals(String.valueOf(ProcessHandle.current().pid()),
                run(open, Language.PYTHON, null, "import ctypes; print(ctypes.CDLL(None).getpid())"));
        assertThrows(InterpreterError.class, () -> run(strict, Language.PYTHON, null, "import ctypes; ctypes.CDLL(None).getpid()"));
    }

    @Test
    void polyglotEvalReachesAnotherLanguageOnlyWhenAllowed() {
        assertEquals("42", run(open, Language.PYTHON, null, "import polyglot; print(polyglot.eval(language='js', string='6 * 7'))"));
        fails(strict, Language.PYTHON, null, "import polyglot; polyglot.eval(language='js', string='6 * 7')");
        fails(strict, Language.JS, null, "Polyglot.eval('python', '6 * 7')");
    }

    // ---- output -------------------------------------------------------------------------------------

    @Test
    void discardedStderrGoesNowhereAndTheOutputLimitStopsAFlood() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter py = open.newInterpreter(Language.PYTHON).stdout(out).stderr(err).create()) {
            py.exec("import sys; print('to stdout'); print('to stderr', file=sys.stderr)");
            assertEquals("to stdout\n", out.toString());
            assertEquals("", err.toString());
            OutputLimitExceeded e = assertThrows(OutputLimitExceeded.class, () -> py.exec("""
 
                    while True:
                        print('x' * 100)
                    """));
            assertTrue(e.getMessage().contains("1024 bytes"), e.getMessage());
            assertTrue(out.size() <= "to stdout\n".length() + 1024, "at most the limit was written: " + out.size());
            if (py.isClosed()) {
                // The interrupt landed while GraalPy wrote to stdout, which closes its channel for good.
                InterpreterClosedError closed = assertThrows(InterpreterClosedError.class, () -> py.exec("print('next call')"));
                assertTrue(closed.getMessage().contains("cut its standard output"), closed.getMessage());
            } else {
                py.exec("print('next call')");
                assertTrue(out.toString().endsWith("next call\n"), "a new call has a new budget");
            }
        }
    }

    // ---- interpreters, queues, recursion --------------------------------------------------------------

    @Test
    void theInterpreterLimitRefusesOneMoreFromTheHostAndFromGuests() {
        List<Interpreter> made = new ArrayList<>();
        try {
            while (open.listAll().size() < 6) {
                made.add(open.create(Language.JS));
            }
            InterpreterError e = assertThrows(InterpreterError.class, () -> open.create(Language.JS));
            assertTrue(e.getMessage().contains("allows 6 at once"), e.getMessage());
            made.remove(made.size() - 1).close();
            Interpreter guest = made.get(0);
            guest.exec("""
                    var child = interpreters.create('js');
                    var refused = '';
                    try { interpreters.create('js'); } catch (e) { refused = e.name + ': ' + e.message; }
                    """);
            assertTrue(guest.getMainAttr("refused").asText().startsWith("InterpreterError"), guest.getMainAttr("refused").asText());
        } finally {
            made.forEach(Interpreter::close);
        }
        try (Interpreter again = open.create(Language.JS)) {
            assertFalse(again.isClosed(), "closing interpreters frees their places");
        }
    }

    @Test
    void aQueueHoldsAtMostItsByteLimit() throws InterruptedException {
        Queue queue = open.createQueue(0);
        assertEquals(200, queue.maxBytes());
        queue.put("a".repeat(150));
        QueueFull full = assertThrows(QueueFull.class, () -> queue.putNowait("b".repeat(100)));
        assertTrue(full.getMessage().contains("byte limit of 200"), full.getMessage());
        QueueFull never = assertThrows(QueueFull.class, () -> queue.putNowait("c".repeat(300)));
        assertTrue(never.getMessage().contains("can never fit"), never.getMessage());
        assertEquals(150, queue.get().asText().length());
        queue.putNowait("b".repeat(100));
        assertEquals(0, strict.createQueue(0).maxBytes() == 0 ? 1 : 0, "strict limits queues too");
    }

    @Test
    void recursionIsBoundedNearTheLimitAndGuestsCannotRaiseIt() {
        String report = run(open, Language.PYTHON, null, """
                import sys
                def depth(n):
                    try:
                        return depth(n + 1)
                    except RecursionError:
                        return n
                print(sys.getrecursionlimit(), depth(0))
                try:
                    sys.setrecursionlimit(10**6)
                except ValueError as e:
                    print(e)
                sys.setrecursionlimit(100)
                print(sys.getrecursionlimit())
                """);
        String[] lines = report.split("\n");
        String[] first = lines[0].split(" ");
        assertEquals("200", first[0]);
        int reached = Integer.parseInt(first[1]);
        System.out.println("recursion depth reached under recursionDepth 200: " + reached);
        // The stack is sized for 200 cold frames; warm (specialized) frames are smaller, so up to about
        // ten times more fit. Without the sizing, the default 16 MiB stack holds far more.
        assertTrue(reached >= 150 && reached < 4000, "the stack bounds recursion: reached " + reached);
        assertEquals("the sandbox policy caps the recursion limit at 200", lines[1]);
        assertEquals("100", lines[2]);
        String js = run(open, Language.JS, null, "function d(n) { try { return d(n + 1); } catch (e) { return n; } } print(d(0));");
        System.out.println("JS recursion depth reached under recursionDepth 200: " + js);
        assertTrue(Integer.parseInt(js) < 10_000, js);
    }

    @Test
    void limitsShowInTheInterpretersTheyApplyTo() {
        JsonNode limit = null;
        try (Interpreter py = strict.create(Language.PYTHON)) {
            py.exec("import sys; limit = sys.getrecursionlimit()");
            limit = py.getMainAttr("limit");
        }
        SandboxPolicy policy = strict.policy();
        assertEquals(policy.limits().recursionDepth().orElseThrow(), limit.asInt());
    }

    @Test
    void processSignalsStayTheHostsUnderEveryPolicyButTrusted() {
        try (Interpreters byDefault = new Interpreters();
             Interpreter py = byDefault.create(Language.PYTHON)) {
            ExecutionFailed refused = assertThrows(ExecutionFailed.class,
                    () -> py.exec("import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)", "ignore.py"));
            assertEquals("PermissionError", refused.excInfo().type());
            assertTrue(refused.excInfo().traceback().contains("File \"ignore.py\", line 2"), refused.excInfo().traceback());
            ExecutionFailed raised = assertThrows(ExecutionFailed.class, () -> py.exec("signal.raise_signal(signal.SIGTERM)"));
            assertEquals("PermissionError", raised.excInfo().type());
            // Setting a handler to what it already is changes nothing, so it stays allowed.
            py.exec("signal.signal(signal.SIGPIPE, signal.getsignal(signal.SIGPIPE))");
            py.exec("import _signal\nunchanged = _signal.getsignal(signal.SIGTERM) == signal.SIG_DFL");
            assertTrue(py.getMainAttr("unchanged").asBoolean());
        }
    }

    @Test
    void aTrustedGuestsSignalHandlerEndsWithItsInterpreter() {
        try (Interpreters trusted = new Interpreters(PolicyLoader.preset("trusted"))) {
            try (Interpreter first = trusted.create(Language.PYTHON)) {
                first.exec("import signal\nsignal.signal(signal.SIGUSR1, lambda signum, frame: None)\n"
                        + "installed = callable(signal.getsignal(signal.SIGUSR1))");
                assertTrue(first.getMainAttr("installed").asBoolean());
            }
            try (Interpreter next = trusted.create(Language.PYTHON)) {
                next.exec("import signal\nleft = signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL");
                assertTrue(next.getMainAttr("left").asBoolean(), "the first interpreter's handler outlived it");
            }
        }
    }

    @Test
    void threadStacksSizedForTheRecursionDepthCountAgainstTheRuntime() {
        // 10,000 frames: about 40 MiB of stack per interpreter, outside the heap; 4 GiB hold 104 of them.
        SandboxPolicy deep = PolicyLoader.parse("deep", "{\"limits\": {\"recursionDepth\": 10000, \"interpreters\": null}}");
        long fit = Interpreters.STACK_BUDGET_BYTES / dev.subinterp.internal.engine.InProcessBackend.stackFor(10_000);
        List<Interpreter> created = new ArrayList<>();
        try (Interpreters runtime = new Interpreters(deep)) {
            for (long i = 0; i < fit; i++) {
                created.add(runtime.create(Language.JS));
            }
            InterpreterError refused = assertThrows(InterpreterError.class, () -> runtime.create(Language.JS));
            assertTrue(refused.getMessage().contains("thread stacks of " + (fit + 1) + " interpreters sized for limits.recursionDepth 10000"),
                    refused.getMessage());
            created.remove(0).close();
            created.add(runtime.create(Language.JS));   // a closed interpreter's stack is given back
        }
    }
}
