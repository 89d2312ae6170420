package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;
import dev.subinterp.channel.Queue;
import dev.subinterp.plugin.PluginManifest;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.PoolTask;
import dev.subinterp.transform.SourceTransform;
import dev.subinterp.transform.Transform;
import org.graalvm.polyglot.HostAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error says what kind it is ({@link ErrorKind#of}), whatever its class: real errors from real
 * interpreters, queues, transforms, policies and pools.
 */
class ErrorKindTest {
    private final Interpreters runtime = SharedRuntime.get();

    /** What {@code action} threw. */
    private static Throwable failureOf(Executable action) {
        return assertThrows(Throwable.class, action);
    }

    /** The kind of what {@code action} threw. */
    private static ErrorKind kindOf(Executable action) {
        return ErrorKind.of(failureOf(action));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void anExceptionTheGuestDoesNotCatchIsGuestRaised(Language language) {
        try (Interpreter interp = runtime.create(language)) {
            Throwable raised = failureOf(() -> interp.exec(language == Language.PYTHON ? "1 / 0" : "null.x;"));
            assertInstanceOf(ExecutionFailed.class, raised);
            assertEquals(ErrorKind.GUEST_RAISED, ErrorKind.of(raised));
            assertEquals(ErrorKind.GUEST_RAISED, ((ExecutionFailed) raised).kind(), "our exceptions say their kind themselves");
            assertEquals(ErrorKind.GUEST_RAISED, kindOf(() -> interp.exec(language == Language.PYTHON ? "def (" : "function (")),
                    "a syntax error is raised by the guest too");
        }
    }

    @Test
    void eachLimitHasItsOwnKind() {
        try (Interpreter js = runtime.newInterpreter(Language.JS).timeLimit(Duration.ofMillis(200)).create()) {
            assertEquals(ErrorKind.TIME_LIMIT, kindOf(() -> js.exec("while (true) {}")));
        }
        var quiet = PolicyLoader.parse("quiet", "{\"limits\": {\"outputBytes\": \"1KiB\", \"statementsPerCall\": {\"js\": 100000}}}",
                PolicyLoader.defaultPolicy());
        try (Interpreters limited = new Interpreters(quiet)) {
            try (Interpreter py = limited.newInterpreter(Language.PYTHON).stdout(new ByteArrayOutputStream()).create()) {
                assertEquals(ErrorKind.OUTPUT_LIMIT, kindOf(() -> py.exec("while True:\n    print('x' * 100)")));
            }
            try (Interpreter js = limited.create(Language.JS)) {
                Throwable statements = failureOf(() -> js.exec("for (let i = 0; ; i++) {}"));
                assertInstanceOf(LimitExceeded.class, statements);
                assertEquals(ErrorKind.RESOURCE_LIMIT, ErrorKind.of(statements));
                assertTrue(js.isClosed(), "a resource limit closes the interpreter");
            }
        }
        // MEMORY (the heap guard stopping a call) is shown in HeapGuardTest.
    }

    @Test
    void anExitAndAClosedInterpreterAreTheirOwnKinds() {
        Interpreter py = runtime.create(Language.PYTHON);
        assertEquals(ErrorKind.EXITED, kindOf(() -> py.exec("import sys\nsys.exit(3)")));
        assertEquals(ErrorKind.CLOSED, kindOf(() -> py.exec("1")), "sys.exit closed it");
    }

    @Test
    void valuesThatCannotCrossAndNamesThatAreNotDefined() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("def opaque():\n    return object()\nnumber = 3");
            assertEquals(ErrorKind.NOT_SHAREABLE, kindOf(() -> py.call("opaque")));
            assertEquals(ErrorKind.USAGE, kindOf(() -> py.call("missing")), "NameNotDefined");
            assertEquals(ErrorKind.USAGE, kindOf(() -> py.call("number")), "IllegalArgumentException: not a function");
        }
    }

    @Test
    void aPolicyOrAManifestThatCannotBeUsedIsConfiguration() {
        try (Interpreters jsOnly = new Interpreters(PolicyLoader.parse("js-only", "{\"languages\": [\"js\"]}", PolicyLoader.defaultPolicy()))) {
            assertEquals(ErrorKind.CONFIGURATION, kindOf(() -> jsOnly.create(Language.PYTHON)), "PolicyException");
        }
        assertEquals(ErrorKind.CONFIGURATION, kindOf(() -> PolicyLoader.parse("bad", "{\"hostAccess\": \"some\"}")));
        assertEquals(ErrorKind.CONFIGURATION,
                kindOf(() -> PluginManifest.load(Path.of("..", "test-fixtures", "plugins", "broken-manifest").toAbsolutePath().normalize())));
    }

    @Test
    void anEmptyQueueWouldBlockAndAClosedOneIsChannelClosed() {
        Queue queue = runtime.createQueue(1);
        assertEquals(ErrorKind.WOULD_BLOCK, kindOf(queue::getNowait), "QueueEmpty");
        queue.putNowait(1);
        assertEquals(ErrorKind.WOULD_BLOCK, kindOf(() -> queue.putNowait(2)), "QueueFull");
        queue.close();
        assertEquals(ErrorKind.CHANNEL_CLOSED, kindOf(() -> queue.putNowait(3)));
    }

    @Test
    void aProgramATransformRefusesIsRefusedAndABrokenTransformFailed() {
        try (SourceTransform chain = SourceTransform.builder(runtime, Language.PYTHON).then(Transform.fromSpec("dunder-guard")).build()) {
            assertEquals(ErrorKind.PROGRAM_REFUSED, kindOf(() -> chain.apply("def (", "broken.py")), "SourceSyntaxError");
            assertEquals(ErrorKind.PROGRAM_REFUSED, kindOf(() -> chain.apply("x = ().__class__", "dunder.py")), "TransformRefused");
        }
        assertEquals(ErrorKind.TRANSFORM_FAILED, kindOf(() -> Transform.fromSpec("no-such-transform")));
    }

    @Test
    void workCancelledBeforeItEndsIsCancelled() throws Exception {
        InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.JS).size(1).runtime(runtime).build();
        try {
            Future<?> spinning = pool.submit(PoolTask.script("while (true) {}"));
            spinning.cancel(true);
            assertEquals(ErrorKind.CANCELLED, kindOf(spinning::get), "CancellationException, not ours: ErrorKind.of knows it");
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    /** A host object whose method fails: the host's fault, not the guest's (trusted's hostAccess "all" reaches it). */
    public static final class Broken {
        @HostAccess.Export
        public String fail() {
            throw new IllegalStateException("the host is broken");
        }
    }

    @Test
    void hostCodeThatFailsAndExceptionsOfOthersAreInternal() {
        try (Interpreters trusted = new Interpreters(PolicyLoader.preset("trusted"));
             Interpreter js = trusted.newInterpreter(Language.JS).hostObject("broken", new Broken()).create()) {
            Throwable failed = failureOf(() -> js.exec("broken.fail();"));
            assertEquals(ErrorKind.INTERNAL, ErrorKind.of(failed), String.valueOf(failed));
        }
        assertEquals(ErrorKind.INTERNAL, ErrorKind.of(new IllegalStateException("not one of ours")));
    }
}
