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
 * closes: the worker waits for the next family unless it is tainted. Ready workers beyond
 * {@link #SPARES} of a size end after {@link #KEEP_ALIVE} without work (as a thread pool's idle threads
 * do), so a burst of families reuses the workers of the last burst. Taking the last ready worker of a
 * size starts its replacement in the background, so the next family finds one. Every worker ends with
 * this JVM (a shutdown hook, and each worker's lifeline).
 */
public final class WorkerPool {
    /** Ready workers kept per heap size: {@code subinterp.workers.spares}, default 1. */
    private static final int SPARES = Integer.getInteger("subinterp.workers.spares", 1);
    /** How long a ready worker beyond the spares waits for work before it ends. */
    private static final java.time.Duration KEEP_ALIVE = java.time.Duration.ofSeconds(Long.getLong("subinterp.workers.keepAliveSeconds", 30));
    /** How long a family waits for a spare that is starting before it starts a worker of its own. */
    private static final java.time.Duration SPARE_PATIENCE = java.time.Duration.ofSeconds(60);
    private static final WorkerPool SHARED = new WorkerPool();

    private final Map<Long, Deque<WorkerProcess>> ready = new HashMap<>();   // guarded by this
    private final Map<Long, Integer> starting = new HashMap<>();               // guarded by this
    private final Set<WorkerProcess> all = ConcurrentHashMap.newKeySet();
    private final Map<WorkerProcess, Long> readySince = new HashMap<>();       // guarded by this: System.nanoTime()
    private Path directory;                                                    // guarded by this

    private WorkerPool() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::endAll, "worker-pool-shutdown"));
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("worker-pool-reaper").daemon(true).factory())
                .scheduleWithFixedDelay(this::endIdle, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis() / 2, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The pool of this JVM. */
    public static WorkerPool shared() {
        return SHARED;
    }

    /** Whether this JVM is itself a worker (its interpreters run here, whatever their policy's isolation). */
    public static boolean inWorker() {
        return WorkerLaunch.inWorker();
    }

    /**
     * A worker with {@code heapBytes} of heap, serving no one; blocks while one starts if none is ready
     * (initializing only {@code language}, for the family that waits for it; spares initialize both).
     */
    WorkerProcess take(long heapBytes, dev.subinterp.interpreter.Language language) {
        WorkerProcess worker;
        synchronized (this) {
            Deque<WorkerProcess> waiting = ready.computeIfAbsent(heapBytes, size -> new ArrayDeque<>());
            // A spare already starting is nearer than a new JVM: wait for it rather than start another beside it.
            long giveUp = System.nanoTime() + SPARE_PATIENCE.toNanos();
            while (waiting.isEmpty() && starting.getOrDefault(heapBytes, 0) > 0 && System.nanoTime() < giveUp) {
                try {
                    wait(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            do {
                worker = waiting.pollLast();   // the most recently used: the others may end idle
                readySince.remove(worker);
            } while (worker != null && !worker.isAlive());
        }
        if (worker == null) {
            worker = start(heapBytes, java.util.List.of(language));
        }
        refill(heapBytes);
        return worker;
    }

    /** Takes {@code worker} back after its family closed: kept ready if healthy and wanted, else ended. */
    void giveBack(WorkerProcess worker) {
        worker.listen(null);
        synchronized (this) {
            Deque<WorkerProcess> waiting = ready.computeIfAbsent(worker.heapBytes, size -> new ArrayDeque<>());
            if (worker.isAlive() && !worker.isTainted()) {
                waiting.addLast(worker);
                readySince.put(worker, System.nanoTime());
                notifyAll();   // a take() waiting for a spare
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

    /**
     * The workers alive now, a line each for status displays: pid, whether it waits or serves, the
     * families (commands) it has served, and its heap in use of its limit (asked of the worker).
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        List<WorkerProcess> workers = all.stream().sorted(java.util.Comparator.comparingLong(WorkerProcess::pid)).toList();
        for (WorkerProcess worker : workers) {
            boolean isReady;
            synchronized (this) {
                isReady = ready.getOrDefault(worker.heapBytes, new ArrayDeque<>()).contains(worker);
            }
            String heap;
            try {
                com.fasterxml.jackson.databind.JsonNode stats = worker.request(Wire.message("stats"))
                        .get(2, java.util.concurrent.TimeUnit.SECONDS).path("result");
                heap = (stats.path("heapUsed").asLong() >> 20) + " of " + (stats.path("heapMax").asLong() >> 20) + " MiB";
            } catch (Exception busy) {
                heap = "unknown (it did not answer)";
            }
            lines.add("pid " + worker.pid() + ": " + (isReady ? "ready" : "serving") + ", served " + worker.served.get()
                    + ", heap in use " + heap);
        }
        return lines;
    }

    /** Waits until no spare is being started (a test that counts workers counts a settled pool). */
    public void settle() throws InterruptedException {
        while (true) {
            synchronized (this) {
                if (starting.values().stream().allMatch(n -> n == 0)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
    }

    /** The pids of the workers waiting for work now. */
    public synchronized List<Long> readyPids() {
        return ready.values().stream().flatMap(Deque::stream).map(WorkerProcess::pid).toList();
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
            readySince.clear();
        }
        ending.forEach(worker -> end(worker, "the pool was emptied"));
    }

    /** Ends ready workers beyond the spares of their size that waited longer than {@link #KEEP_ALIVE}. */
    private void endIdle() {
        List<WorkerProcess> ending = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Deque<WorkerProcess> waiting : ready.values()) {
                while (waiting.size() > SPARES && now - readySince.getOrDefault(waiting.peekFirst(), now) > KEEP_ALIVE.toNanos()) {
                    WorkerProcess idle = waiting.pollFirst();
                    readySince.remove(idle);
                    ending.add(idle);
                }
            }
        }
        ending.forEach(worker -> end(worker, "idle for " + KEEP_ALIVE.toSeconds() + " s"));
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
            try {
                giveBack(start(heapBytes, java.util.List.of(dev.subinterp.interpreter.Language.values())));
            } catch (RuntimeException e) {
                // A spare that did not start: the next family starts its own worker, and reports why if it fails too.
            } finally {
                synchronized (this) {   // after giveBack: a take() waiting for this spare finds it ready
                    starting.merge(heapBytes, -1, Integer::sum);
                    notifyAll();
                }
            }
        });
    }

    private WorkerProcess start(long heapBytes, List<dev.subinterp.interpreter.Language> warm) {
        try {
            Path dir = directory();
            WorkerProcess worker = WorkerProcess.start(heapBytes, dir, WorkerLaunch.command(heapBytes, dir, warm));
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
