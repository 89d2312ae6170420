package dev.subinterp.internal.sandbox;

import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.LimitExceeded;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a heap still nearly full after a collection does: the heaviest running call is stopped, nothing else. */
class HeapGuardTest {

    @Test
    void theRunningCallThatAllocatedTheMostIsStoppedAndTheOthersGoOn() throws Exception {
        try (Interpreters runtime = new Interpreters();
             Interpreter hog = runtime.create(Language.JS);
             Interpreter calm = runtime.create(Language.JS);
             Interpreter idle = runtime.create(Language.PYTHON)) {
            CompletableFuture<Void> hogging = CompletableFuture.runAsync(() -> hog.exec(
                    "let keep = []; for (;;) { keep.push(new Array(1000).fill(1)); if (keep.length > 2000) keep = []; }"));
            CompletableFuture<Void> spinning = CompletableFuture.runAsync(() -> calm.exec("for (;;) {}"));
            while (!hog.isRunning() || !calm.isRunning()) {
                Thread.sleep(10);
            }
            // Until the hog has allocated 1 MiB: after a heavy test in the same JVM (the attack corpus) that
            // took longer than a fixed 300 ms. The guard's own listener may also stop it first.
            Optional<HeapGuard.Candidate> stopped = Optional.empty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stopped.isEmpty() && !hog.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                stopped = HeapGuard.instance().heapNearlyFull(1 << 20);
            }

            assertTrue(stopped.isPresent() || hog.isClosed(), "the hog was stopped");
            ExecutionException e = assertThrows(ExecutionException.class, () -> hogging.get(30, TimeUnit.SECONDS));
            assertInstanceOf(LimitExceeded.class, e.getCause());
            assertEquals(ErrorKind.MEMORY, ErrorKind.of(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("JVM heap"), e.getCause().getMessage());
            assertTrue(hog.isClosed(), "closing the interpreter frees what it held");
            assertFalse(calm.isClosed());
            assertTrue(calm.isRunning(), "a call that allocates little keeps running");
            assertFalse(idle.isClosed(), "idle interpreters are never chosen");
            assertTrue(HeapGuard.instance().heapNearlyFull(Long.MAX_VALUE).isEmpty(), "nor calls that allocated less than the minimum");
            assertFalse(calm.isClosed());
            calm.close();
            assertThrows(ExecutionException.class, () -> spinning.get(30, TimeUnit.SECONDS));
            idle.exec("print('still here')");
        }
    }

    @Test
    void withNothingRunningNothingIsStopped() {
        try (Interpreters runtime = new Interpreters(); Interpreter idle = runtime.create(Language.JS)) {
            HeapGuard.instance().heapNearlyFull(0);
            assertFalse(idle.isClosed());
        }
    }
}
