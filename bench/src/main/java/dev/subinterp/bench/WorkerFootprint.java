package dev.subinterp.bench;

import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.internal.worker.WorkerPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What process isolation costs once, outside JMH: the first process-isolated interpreter of a JVM
 * whose pool has no ready worker (a worker JVM starts from nothing, then opens the interpreter; the
 * pool starts its spare at the same time, as it does for users), and what a worker JVM holds: its
 * resident memory ({@code VmRSS} of /proc/PID/status) and its Java heap in use as the worker reports
 * it (its {@code stats} request, through {@link WorkerPool#describe()}: heap the JVM has minus heap
 * free, so garbage not yet collected counts, in whole MiB). Three states of a worker: the spare, ready
 * and never used; the worker serving an idle Python interpreter (one statement run); and the same
 * worker ready again once that interpreter closed (it keeps its engine and what the JIT compiled).
 * Run first, while this JVM has no worker; ends the ready workers when done.
 */
final class WorkerFootprint {
    /** The lines of {@link WorkerPool#describe()}: "pid 12: ready, served 1, heap in use 40 of 1280 MiB". */
    private static final Pattern DESCRIBED = Pattern.compile("pid (\\d+): (ready|serving), served (\\d+), heap in use (\\d+) of (\\d+) MiB");

    private final String system;
    private final long settleMillis;

    /** @param settleMillis how long a worker is left alone before it is measured (its JIT threads quieten) */
    WorkerFootprint(String system, long settleMillis) {
        this.system = system;
        this.settleMillis = settleMillis;
    }

    void run(Consumer<Figure> out) {
        WorkerPool pool = WorkerPool.shared();
        pool.endReady();
        if (!pool.pids().isEmpty()) {
            throw new IllegalStateException("workers are serving other interpreters of this JVM (" + pool.pids()
                    + "): the first worker would not start from nothing");
        }
        try (Interpreters runtime = new Interpreters(ProcessIsolationBench.processPolicy())) {
            long start = System.nanoTime();
            Interpreter python = runtime.create(Language.PYTHON);
            out.accept(Figure.ours("worker_cold_create_ms", system, null, InterpreterFootprint.round((System.nanoTime() - start) / 1e6), "ms"));

            python.exec("import os\n_pid = os.getpid()\nx = 1");
            long serving = python.getMainAttr("_pid").asLong();
            awaitReady(1, 180_000);   // the spare the pool started beside it
            long spare = pool.pids().stream().filter(pid -> pid != serving).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no spare worker beside " + serving + ": " + pool.describe()));
            settle();
            measure(spare, "spare", out);
            measure(serving, "serving", out);

            python.close();
            settle();
            measure(serving, "after close", out);
        } finally {
            pool.endReady();
        }
    }

    /** RSS and heap in use of the worker {@code pid}, as figures with the param {@code state}. */
    private void measure(long pid, String state, Consumer<Figure> out) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (Files.isReadable(status)) {
            out.accept(Figure.ours("worker_rss_mib", system, state, InterpreterFootprint.round(rssKiB(status) / 1024.0), "MiB"));
        } else {
            out.accept(new Figure("worker_rss_mib", Figure.OURS, system, state, null, null, "no /proc/PID/status on this system"));
        }
        Matcher described = described().get(pid);
        if (described == null) {
            throw new IllegalStateException("worker " + pid + " is not in the pool's description: " + WorkerPool.shared().describe());
        }
        out.accept(Figure.ours("worker_heap_mib", system, state, Double.parseDouble(described.group(4)), "MiB"));
    }

    private static long rssKiB(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));   // "VmRSS:	  123456 kB"
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + status + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no VmRSS line in " + status);
    }

    /** The pool's description of each worker, by pid. */
    private static Map<Long, Matcher> described() {
        Map<Long, Matcher> byPid = new HashMap<>();
        for (String line : WorkerPool.shared().describe()) {
            Matcher m = DESCRIBED.matcher(line);
            if (m.find()) byPid.put(Long.parseLong(m.group(1)), m);
        }
        return byPid;
    }

    /** Waits until at least {@code count} workers of this JVM are ready (connected and serving no one). */
    static void awaitReady(int count, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            List<String> lines = WorkerPool.shared().describe();
            if (lines.stream().filter(line -> line.contains(": ready,")).count() >= count) return;
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("fewer than " + count + " ready workers after " + timeoutMillis + " ms: " + lines);
            }
            sleep(100);
        }
    }

    private void settle() {
        sleep(settleMillis);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
