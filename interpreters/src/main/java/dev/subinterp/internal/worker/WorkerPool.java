package dev.subinterp.internal.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker JVMs of this process: ready ones waiting, by heap size, and those serving a family. A
 * family takes a ready worker if one waits (else starts one and waits for it), and gives it back when it
 * closes: the worker is kept for the next family unless it is tainted or enough already wait, then it
 * is ended. Taking the last ready worker of a size starts its replacement in the background, so the next
 * family finds one. Every worker ends with this JVM (a shutdown hook, and each worker's lifeline).
 */
public final class WorkerPool {
    /** Ready workers kept per heap size: {@code subinterp.workers.spares}, default 1. */
    private static final int SPARES = Integer.getInteger("subinterp.workers.spares", 1);
    private static final WorkerPool SHARED = new WorkerPool();

    private final Map<Long, Deque<WorkerProcess>> ready = new HashMap<>();   // guarded by this
    private final Map<Long, Integer> starting = new HashMap<>();               // guarded by this
    private final Set<WorkerProcess> all = ConcurrentHashMap.newKeySet();
    private Path directory;                                                    // guarded by this

    private WorkerPool() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::endAll, "worker-pool-shutdown"));
    }

    /** The pool of this JVM. */
    public static WorkerPool shared() {
        return SHARED;
    }

    /** Whether this JVM is itself a worker (its interpreters run here, whatever their policy's isolation). */
    public static boolean inWorker() {
        return WorkerLaunch.inWorker();
    }

    /** A worker with {@code heapBytes} of heap, serving no one; blocks while one starts if none is ready. */
    WorkerProcess take(long heapBytes) {
        WorkerProcess worker;
        synchronized (this) {
            Deque<WorkerProcess> waiting = ready.computeIfAbsent(heapBytes, size -> new ArrayDeque<>());
            do {
                worker = waiting.poll();
            } while (worker != null && !worker.isAlive());
        }
        if (worker == null) {
            worker = start(heapBytes);
        }
        refill(heapBytes);
        return worker;
    }

    /** Takes {@code worker} back after its family closed: kept ready if healthy and wanted, else ended. */
    void giveBack(WorkerProcess worker) {
        worker.listen(null);
        synchronized (this) {
            Deque<WorkerProcess> waiting = ready.computeIfAbsent(worker.heapBytes, size -> new ArrayDeque<>());
            if (worker.isAlive() && !worker.isTainted() && waiting.size() < SPARES) {
                waiting.add(worker);
                return;
            }
        }
        end(worker, "not needed");
    }

    /** Ends {@code worker} at once. */
    void end(WorkerProcess worker, String reason) {
        all.remove(worker);
        worker.kill(reason);
    }

    /** The workers alive now, for status displays: pid, heap, families served, and whether it serves one now. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        synchronized (this) {
            for (WorkerProcess worker : all) {
                boolean isReady = ready.getOrDefault(worker.heapBytes, new ArrayDeque<>()).contains(worker);
                lines.add("worker pid " + worker.pid() + ": " + (isReady ? "ready" : "serving") + ", heap " + (worker.heapBytes >> 20)
                        + " MiB, families served " + worker.served.get());
            }
        }
        return lines;
    }

    /** The pids of the workers alive now. */
    public List<Long> pids() {
        return all.stream().filter(WorkerProcess::isAlive).map(WorkerProcess::pid).toList();
    }

    /** Ends every ready worker (those serving a family end with it). */
    public void endReady() {
        List<WorkerProcess> ending = new ArrayList<>();
        synchronized (this) {
            ready.values().forEach(ending::addAll);
            ready.clear();
        }
        ending.forEach(worker -> end(worker, "the pool was emptied"));
    }

    private void refill(long heapBytes) {
        synchronized (this) {
            int have = ready.getOrDefault(heapBytes, new ArrayDeque<>()).size() + starting.getOrDefault(heapBytes, 0);
            if (have >= SPARES) {
                return;
            }
            starting.merge(heapBytes, 1, Integer::sum);
        }
        Thread.ofPlatform().name("worker-pool-refill").daemon(true).start(() -> {
            WorkerProcess spare = null;
            try {
                spare = start(heapBytes);
            } catch (RuntimeException e) {
                // A spare that did not start: the next family starts its own worker, and reports why if it fails too.
            } finally {
                synchronized (this) {
                    starting.merge(heapBytes, -1, Integer::sum);
                }
            }
            if (spare != null) {
                giveBack(spare);
            }
        });
    }

    private WorkerProcess start(long heapBytes) {
        try {
            Path dir = directory();
            WorkerProcess worker = WorkerProcess.start(heapBytes, dir, WorkerLaunch.command(heapBytes, dir));
            all.add(worker);
            worker.ended().thenRun(() -> all.remove(worker));
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** A directory only this user can enter, for the sockets workers connect to (and their crash reports). */
    private synchronized Path directory() throws IOException {
        if (directory == null || !Files.isDirectory(directory)) {
            directory = Files.createTempDirectory("subinterp-workers-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            directory.toFile().deleteOnExit();
        }
        return directory;
    }

    private void endAll() {
        for (WorkerProcess worker : all) {
            worker.kill("the supervisor is exiting");
        }
    }
}
