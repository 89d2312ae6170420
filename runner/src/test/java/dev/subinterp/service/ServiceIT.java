package dev.subinterp.service;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm service through the real launcher: {@code scripts/runner exec} starts it on first use,
 * and later commands give exactly what {@code --no-daemon} (the in-process launcher) gives.
 */
class ServiceIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Path serviceDir;

    record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void privateServiceDirectory() throws IOException {
        serviceDir = Files.createTempDirectory("svc-it");
        Files.delete(serviceDir);   // the launcher creates it, 0700
    }

    @AfterAll
    static void stopTheService() throws Exception {
        launch(ROOT, "exec", "-c", "print('one more')");   // so that the service is preparing the next interpreter as it stops
        Run status = launch(ROOT, "daemon", "status");
        launch(ROOT, "daemon", "stop");
        java.util.Optional<ProcessHandle> service = ProcessHandle.of(pid(status.stdout()));
        if (service.isPresent()) {
            try {
                service.get().onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stuck) {
                service.get().destroyForcibly();
                throw new AssertionError("the stopped service process did not exit");
            }
        }
        try (var files = Files.walk(serviceDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static Process start(Path directory, Map<String, String> env, String... args) throws IOException {
        return start(directory, env, List.of(), args);
    }

    /** Starts {@code scripts/runner args} through {@code wrapper} (a command that execs it, or nothing). */
    private static Process start(Path directory, Map<String, String> env, List<String> wrapper, String... args) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(ROOT.resolve("scripts/runner").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("RUNNER_DAEMON_DIR", serviceDir.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static Run launch(Path directory, String... args) throws IOException, InterruptedException {
        return finish(start(directory, Map.of(), args));
    }

    private static Run finish(Process process) throws IOException, InterruptedException {
        return finish(process, "");
    }

    private static Run finish(Process process, String stdin) throws IOException, InterruptedException {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "scripts/runner did not finish");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void theServiceGivesWhatTheInProcessLauncherGives() throws Exception {
        List<List<String>> commands = List.of(
                List.of("exec", "test-fixtures/cli/hello.py", "Ada"),
                List.of("exec", "test-fixtures/cli/fail.py"),
                List.of("exec", "--timeout", "500ms", "test-fixtures/cli/spin.js"),
                List.of("exec", "--policy", "test-fixtures/policies/tiny-output.json", "-c", "print('x' * 500)"),
                List.of("exec", "--policy", "trusted", "-c", "import os; print(os.getcwd())"));   // in a worker ended after it
        for (List<String> command : commands) {
            String[] args = command.toArray(String[]::new);
            Run served = launch(ROOT, args);
            List<String> inProcess = new ArrayList<>(List.of("--no-daemon"));
            inProcess.addAll(command);
            assertEquals(launch(ROOT, inProcess.toArray(String[]::new)), served, String.join(" ", command));
        }
        Run piped = finish(start(ROOT, Map.of(), "exec", "-", "x"), "import sys\nprint('piped', sys.argv, sys.stdin.read())\n");
        assertEquals(new Run(0, "piped ['-', 'x'] \n", ""), piped);
        assertEquals(new Run(0, "SHOUT\n", ""), finish(start(ROOT, Map.of(), "exec", "-c", "print(input().upper())"), "shout\n"));
        Run fromAnotherDirectory = launch(ROOT.resolve("test-fixtures/cli"), "exec", "hello.py", "Grace");
        assertEquals(new Run(0, "hello, Grace\n", ""), fromAnotherDirectory);
        Run status = launch(ROOT, "daemon", "status");
        assertEquals(0, status.exitCode(), status.stderr());
        assertTrue(status.stdout().contains("jit: on"), status.stdout());
    }

    @Test
    void ctrlCInterruptsTheCommandAndTheServiceStays() throws Exception {
        // Through env --default-signal=INT: Ctrl-C reaches a client as it does from a terminal, even when this
        // test runs from a job that ignores SIGINT (a background job of a shell without job control), which
        // the client would inherit and so never hear the signal.
        Process spinning = start(ROOT, Map.of(), List.of("env", "--default-signal=INT"), "exec", "-c", "while True: pass");
        awaitRunning();
        new ProcessBuilder("kill", "-INT", Long.toString(spinning.pid())).start().waitFor();
        Run interrupted = finish(spinning);
        assertEquals(130, interrupted.exitCode(), interrupted.stderr());
        assertEquals(new Run(0, "after\n", ""), launch(ROOT, "exec", "-c", "print('after')"));
    }

    @Test
    void killingTheServiceMidCommandGivesTheClientAClearError() throws Exception {
        Process sleeping = start(ROOT, Map.of(), "exec", "-c", "import time; time.sleep(120)");
        long pid = awaitRunning();
        new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
        Run lost = finish(sleeping);
        assertEquals(255, lost.exitCode(), lost.stderr());
        assertTrue(lost.stderr().contains("runner: the runner service ended before the command finished; see "), lost.stderr());
        // The next command starts a new service.
        assertEquals(new Run(0, "again\n", ""), launch(ROOT, "exec", "-c", "print('again')"));
    }

    @Test
    void aRebuiltRunnerGetsANewService() throws Exception {
        assertEquals(new Run(0, "before\n", ""), launch(ROOT, "exec", "-c", "print('before')"));
        long before = pid(launch(ROOT, "daemon", "status").stdout());
        Path jar;
        try (var jars = Files.list(ROOT.resolve("runner/target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("runner-.*\\.jar")).findFirst().orElseThrow();
        }
        var built = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));   // as a rebuild would
        try {
            assertEquals(new Run(0, "after\n", ""), launch(ROOT, "exec", "-c", "print('after')"));
            long after = pid(launch(ROOT, "daemon", "status").stdout());
            assertTrue(after != before, "a service of the new build: " + before + " then " + after);
        } finally {
            Files.setLastModifiedTime(jar, built);   // (a newer jar would also retire the start-up cache)
        }
    }

    @Test
    void theServiceOutlivesGuestsThatSignalItReadItsFilesOrFeedItSpecialFiles() throws Exception {
        assertEquals(new Run(0, "up\n", ""), launch(ROOT, "exec", "-c", "print('up')"));
        long service = pid(launch(ROOT, "daemon", "status").stdout());
        for (String signal : List.of("SIGTERM", "SIGINT")) {
            Run raised = launch(ROOT, "exec", "--policy", "strict", "-c", "import signal; signal.raise_signal(signal." + signal + ")");
            assertEquals(1, raised.exitCode(), raised.stderr());
            assertTrue(raised.stderr().contains("PermissionError: signal.raise_signal() is not allowed by the sandbox policy"), raised.stderr());
        }
        Run ignoring = launch(ROOT, "exec", "--policy", "strict", "-c", "import signal; signal.signal(signal.SIGTERM, signal.SIG_IGN)");
        assertEquals(1, ignoring.exitCode(), ignoring.stderr());
        assertEquals(new Run(0, "True\n", ""), launch(ROOT, "exec", "-c", "import signal; print(signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)"));

        Run zero = launch(ROOT, "exec", "--lang", "python", "/dev/zero");
        assertEquals(new Run(2, "", "runner exec: cannot read '/dev/zero': not a regular file\n"), zero);
        Path fifo = Files.createTempDirectory("svc-it-fifo").resolve("program.py");
        try {
            assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
            assertEquals(new Run(2, "", "runner exec: cannot read '" + fifo + "': not a regular file\n"), launch(ROOT, "exec", fifo.toString()));
        } finally {
            Files.deleteIfExists(fifo);
            Files.delete(fifo.getParent());
        }
        Path deep = Files.createTempFile("svc-it-deep", ".json");
        try {
            Files.writeString(deep, "{\"limits\": {\"recursionDepth\": 1000000000}}");
            Run refused = launch(ROOT, "exec", "--policy", deep.toString(), "-c", "print(1)");
            assertEquals(2, refused.exitCode(), refused.stderr());
            assertTrue(refused.stderr().contains("$.limits.recursionDepth: 1000000000 is not a whole number from 1 to 10000"), refused.stderr());
        } finally {
            Files.delete(deep);
        }

        // A default-policy command started beside the service's directory has that directory as a file root.
        Path beside = serviceDir.getParent();
        Run log = launch(beside, "exec", "-c", "open(" + pythonString(serviceDir.resolve("service.log")) + ").read()");
        assertEquals(1, log.exitCode(), log.stderr());
        assertTrue(log.stderr().contains("PermissionError"), log.stderr());
        assertEquals(new Run(0, "False\n", ""), launch(beside, "exec", "-c",
                "import os; print(" + pythonString(serviceDir.getFileName()) + " in os.listdir('.'))"));

        Run status = launch(ROOT, "daemon", "status");
        assertEquals(service, pid(status.stdout()), "the same service serves on");
        assertTrue(status.stdout().contains(", 0 running"), status.stdout());
        assertEquals(new Run(0, "still up\n", ""), launch(ROOT, "exec", "-c", "print('still up')"));
    }

    @Test
    void aLeakingCommandIsStoppedAtItsMemoryLimitWhileAnInnocentOneRunsOn() throws Exception {
        String innocent = "import time\nstart = time.time()\nrounds = 0\nwhile time.time() - start < 15:\n"
                + "    short_lived = [i for i in range(10000)]\n    rounds += 1\nprint('innocent finished')";
        String leaking = "kept = []\nwhile True:\n    kept.append(bytearray(1 << 20))";
        for (List<String> policy : List.of(List.of("--policy", "strict"), List.<String>of())) {
            Process running = start(ROOT, Map.of(), "exec", "-c", innocent);
            awaitRunning();
            List<String> leak = new ArrayList<>(List.of("exec"));
            leak.addAll(policy);
            // strict's 10 s would race the leak on two busy cores (the innocent command and a spare worker
            // warming up beside it): this test is about the memory limit, so time is not the limit that ends it.
            leak.addAll(List.of("--timeout", "120s", "-c", leaking));
            Run stopped = launch(ROOT, leak.toArray(String[]::new));
            assertEquals(125, stopped.exitCode(), stopped.stderr());
            String limit = policy.isEmpty() ? "1024 MiB" : "512 MiB";
            assertTrue(stopped.stderr().contains("reached its memory limit of " + limit), stopped.stderr());
            assertEquals(new Run(0, "innocent finished\n", ""), finish(running), "the other command never noticed (" + policy + ")");
        }
    }

    @Test
    void builtInCodeThatCannotBeInterruptedEndsWithItsWorkerAtTheLimitPlusGrace() throws Exception {
        List<List<String>> runaways = List.of(
                List.of("-c", "sum(range(10**15))"),
                List.of("-c", "import collections, itertools; collections.deque(itertools.count(), maxlen=0)"),
                List.of("-c", "import itertools; any(itertools.repeat(False))"),
                List.of("-c", "import math; math.factorial(10**7)"),
                List.of("-c", "3**(10**9)"),
                List.of("--lang", "js", "-c", "Array.prototype.indexOf.call({length: 2**53-1}, 1)"),
                List.of("--lang", "js", "-c", "3n**1000000000n"));
        for (List<String> runaway : runaways) {
            boolean python = !runaway.contains("js");
            List<String> command = new ArrayList<>(List.of("exec", "--policy", "strict", "--timeout", "3s"));
            command.addAll(runaway.subList(0, runaway.size() - 1));
            // A Python runaway first says which process runs it, so that the test can see that process end.
            command.add((python ? "import os; print(os.getpid(), flush=True); " : "") + runaway.get(runaway.size() - 1));
            long started = System.nanoTime();
            Process running = start(ROOT, Map.of(), command.toArray(String[]::new));
            long worker = python ? Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(
                    running.getInputStream(), StandardCharsets.UTF_8)).readLine().strip()) : -1;
            Run stopped = finish(running);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertEquals(124, stopped.exitCode(), runaway + ": " + stopped.stderr());
            assertTrue(stopped.stderr().contains("time limit of 3s reached"), stopped.stderr());
            assertTrue(seconds < 60, runaway + " took " + seconds + " s: it was not stopped at its limit plus the grace");
            if (python) {
                ProcessHandle.of(worker).ifPresent(killed -> killed.onExit().join());   // its worker is gone, not spinning on a core
            }
            assertEquals(new Run(0, "next\n", ""), launch(ROOT, "exec", "-c", "print('next')"), "the next command is served");
        }
    }

    @Test
    void aTrustedCommandRunsInAWorkerThatEndsWithIt() throws Exception {
        Run first = launch(ROOT, "exec", "--policy", "trusted", "-c",
                "import os, subprocess; print(os.getpid(), flush=True); subprocess.run(['echo', 'from a child process'])");
        assertEquals(0, first.exitCode(), first.stderr());
        String[] lines = first.stdout().split("\n");
        assertEquals("from a child process", lines[1], "a child's output reaches the command's, as in a terminal");
        long worker = Long.parseLong(lines[0].strip());
        ProcessHandle.of(worker).ifPresent(ended -> ended.onExit().orTimeout(60, TimeUnit.SECONDS).join());   // not kept for another command
        long service = pid(launch(ROOT, "daemon", "status").stdout());
        Run exited = launch(ROOT, "exec", "--policy", "trusted", "--lang", "js", "-c", "Java.type('java.lang.System').exit(3)");
        assertEquals(1, exited.exitCode(), exited.stderr());
        assertTrue(exited.stderr().contains("exited with status 3"), exited.stderr());
        assertEquals(service, pid(launch(ROOT, "daemon", "status").stdout()), "System.exit ended the worker, not the service");
        assertEquals(new Run(0, "next\n", ""), launch(ROOT, "exec", "-c", "print('next')"));
    }

    private static String pythonString(Object text) {
        return "'" + text.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static long pid(String status) {
        Matcher m = Pattern.compile("pid: (\\d+)").matcher(status);
        assertTrue(m.find(), status);
        return Long.parseLong(m.group(1));
    }

    /** Waits until the service runs a command; returns the service's pid. */
    private static long awaitRunning() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Run status = launch(ROOT, "daemon", "status");
            if (status.stdout().contains(", 1 running")) {
                Thread.sleep(1000);   // into the guest's loop
                return pid(status.stdout());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service never ran the command");
    }
}
