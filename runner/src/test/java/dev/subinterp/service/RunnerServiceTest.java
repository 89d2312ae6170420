package dev.subinterp.service;

import dev.subinterp.cli.RunnerCli;
import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.interpreter.Interpreters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner service and its client in this JVM: a command run through them behaves as the same
 * command run in-process, in the caller's working directory and environment.
 */
class RunnerServiceTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures").toAbsolutePath().normalize();
    private static final String BUILD = "test-build";

    @TempDir
    Path temp;
    private ServiceDirectory directory;
    private RunnerService service;

    record Result(int exitCode, String stdout, String stderr) {
        /** Without the line an interpreter-only run (these unit tests) adds; a run with the JIT has none. */
        Result withoutJitWarning() {
            return new Result(exitCode, stdout, stderr.replaceAll("runner: warning: the JIT is off[^\n]*\n", ""));
        }
    }

    @BeforeEach
    void startService() throws ServiceException {
        directory = new ServiceDirectory(temp.resolve("svc"));
        service = RunnerService.start(directory, BUILD, RunnerCli::run, Duration.ofMinutes(5));
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    private ServiceClient client() {
        return new ServiceClient(directory, BUILD, d -> {
            throw new ServiceException("the test did not expect a service start");
        }, RunnerServiceTest::inProcessHere);
    }

    /** What the client falls back to: the same command in this process (the launcher runs scripts/runner --no-daemon). */
    private static int inProcessHere(List<String> arguments) {
        inProcessRuns++;
        return RunnerCli.run(arguments.toArray(String[]::new), InputStream.nullInputStream(), System.out, System.err,
                new HostEnvironment(FIXTURES, environment()), policy -> new Interpreters(policy, new HostEnvironment(FIXTURES, environment())));
    }

    private static int inProcessRuns;

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("SERVICE_TEST_VAR", "forwarded");
        environment.put("TZ", "Asia/Tokyo");
        return environment;
    }

    private Result throughService(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = client().run(List.of(args), input(stdin), out, err, FIXTURES, environment());
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result inProcess(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RunnerCli.run(args, input(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new HostEnvironment(FIXTURES, environment()),
                policy -> new Interpreters(policy, new HostEnvironment(FIXTURES, environment())));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Commands as a user in test-fixtures/ would type them, with their standard input. */
    static Stream<List<String>> commands() {
        return Stream.of(
                List.of("", "exec", "cli/hello.py", "Ada"),
                List.of("", "exec", "cli/fail.py"),
                List.of("", "exec", "cli/hello.mjs"),
                List.of("", "exec", "--timeout", "300ms", "cli/spin.js"),
                List.of("", "exec", "--policy", "policies/tiny-output.json", "-c", "print('x' * 500)"),
                List.of("", "exec", "--transform", "transforms/swap_add_sub.py", "transforms/arithmetic.py"),
                List.of("import sys\nprint('from stdin', sys.argv)\n", "exec", "-", "one"),
                List.of("shout\n", "exec", "-c", "print(input().upper())"),
                List.of("", "exec", "-c", "import sys; print('bye', file=sys.stderr); sys.exit(7)"),
                List.of("", "exec", "-c", "print('x' * 200_000); print('end')"),
                List.of("", "exec", "missing.py"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aCommandBehavesAsItDoesInProcess(List<String> command) {
        String stdin = command.get(0);
        String[] args = command.subList(1, command.size()).toArray(String[]::new);
        assertEquals(inProcess(stdin, args), throughService(stdin, args));
    }

    @Test
    void theCommandSeesItsCallersWorkingDirectoryEnvironmentAndTimeZone() throws IOException {
        Path policy = temp.resolve("env.json");
        Files.writeString(policy, "{\"extends\": \"default\", \"environment\": [\"SERVICE_TEST_VAR\", \"TZ\"]}");
        String program = "import os\nprint(os.getcwd())\nprint(os.environ.get('SERVICE_TEST_VAR'))\n"
                + "print(open('cli/hello.py').readline().strip())";
        Result served = throughService("", "exec", "--policy", policy.toString(), "-c", program).withoutJitWarning();
        assertEquals(new Result(0, FIXTURES + "\nforwarded\nimport sys\n", ""), served);
        assertEquals(inProcess("", "exec", "--policy", policy.toString(), "-c", program).withoutJitWarning(), served);
        // JS dates follow the caller's TZ (GraalPy's time module follows the JVM's zone: see the README).
        Result js = throughService("", "exec", "--lang", "js", "-c", "console.log(new Date(0).getHours())").withoutJitWarning();
        assertEquals(new Result(0, "9\n", ""), js, "midnight UTC is 9:00 in Tokyo");
    }

    @Test
    void aPolicyThatReachesTheJvmRunsInAWorkerThatEndsWithTheCommand() {
        int before = inProcessRuns;
        Result served = throughService("", "exec", "--policy", "trusted", "--lang", "js", "-c",
                "console.log('trusted'); Java.type('java.lang.System').exit(3)");
        assertEquals(before, inProcessRuns, "the service runs it, in a worker of its own");
        assertEquals(1, served.exitCode(), served.stderr());
        assertTrue(served.stdout().startsWith("trusted"), served.stdout());
        assertTrue(served.stderr().contains("exited with status 3"), served.stderr());
        Result next = throughService("", "exec", "-c", "print('next')").withoutJitWarning();
        assertEquals(new Result(0, "next\n", ""), next, "System.exit ended the worker, not the service");
    }

    @Test
    void standardInputIsReadOnlyWhenTheGuestReadsIt() {
        boolean[] touched = {false};
        InputStream watched = new InputStream() {
            @Override
            public int read() {
                touched[0] = true;
                return -1;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) {
                touched[0] = true;
                return -1;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, client().run(List.of("exec", "-c", "print('no input needed')"), watched, out, OutputStream.nullOutputStream(),
                FIXTURES, environment()));
        assertEquals("no input needed\n", out.toString(StandardCharsets.UTF_8));
        assertFalse(touched[0], "the client left its standard input for whoever reads it next");
    }

    @Test
    void twoCommandsAtOnceRunInSeparateInterpreters() throws Exception {
        PipedOutputStream release = new PipedOutputStream();
        InputStream firstStdin = new PipedInputStream(release);
        ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> client().run(
                List.of("exec", "-c", "import interpreters, sys\nmarker = 'first'\nsys.stdin.readline()\n"
                        + "print(marker, interpreters.get_current().id)"),
                firstStdin, firstOut, OutputStream.nullOutputStream(), FIXTURES, environment()));
        awaitRunning(1);
        // The first command waits for its input; the second runs meanwhile and sees none of its state.
        Result second = throughService("", "exec", "-c", "import interpreters\nprint('marker' in globals(), interpreters.get_current().id)");
        assertEquals(new Result(0, "False 0\n", ""), second.withoutJitWarning(), "each is the main interpreter of its own runtime");
        assertFalse(first.isDone());
        release.write("go\n".getBytes(StandardCharsets.UTF_8));
        release.close();
        assertEquals(0, first.get(2, TimeUnit.MINUTES));
        assertEquals("first 0\n", firstOut.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSameKindOfCommandGetsAPreparedInterpreterThatHasRunNothing() throws Exception {
        assertEquals(new Result(0, "1\n", ""), throughService("", "exec", "-c", "marker = 1; print(marker)").withoutJitWarning());
        awaitStatus("prepared: 1 waiting, 0 used");
        // Other code, same kind (-c, same directory, environment and policy): the prepared interpreter.
        assertEquals(new Result(0, "False\n", ""), throughService("", "exec", "-c", "print('marker' in globals())").withoutJitWarning());
        awaitStatus("prepared: 1 waiting, 1 used");
        // Another kind: a new interpreter, and the prepared one stays for its own kind.
        assertEquals(new Result(0, "2\n", ""), throughService("", "exec", "--lang", "js", "-c", "console.log(2)").withoutJitWarning());
        awaitStatus("prepared: 2 waiting, 1 used");
    }

    @Test
    void ctrlCInterruptsTheGuestNotTheService() throws Exception {
        ServiceClient client = client();
        CompletableFuture<Integer> spinning = CompletableFuture.supplyAsync(() -> client.run(
                List.of("exec", "-c", "while True: pass"), input(""), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream(), FIXTURES, environment()));
        awaitRunning(1);
        client.interrupt();
        assertEquals(ServedCommand.INTERRUPTED, spinning.get(1, TimeUnit.MINUTES));
        assertEquals(new Result(0, "still serving\n", ""), throughService("", "exec", "-c", "print('still serving')").withoutJitWarning());
    }

    @Test
    void statusAndStop() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, client().daemon(List.of("status"), print, print));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("runner service: running"), out.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("socket: " + directory.socket()), out.toString());
        out.reset();
        assertEquals(0, client().daemon(List.of("stop"), print, print));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("stopping"), out.toString());
        assertFalse(Files.exists(directory.socket()));
        out.reset();
        assertEquals(ServiceClient.NOT_RUNNING, client().daemon(List.of("status"), print, print));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("not running"), out.toString());
    }

    @Test
    void theIdleTimeoutEndsTheService() throws Exception {
        service.close();
        RunnerService idle = RunnerService.start(directory, BUILD, RunnerCli::run, Duration.ofSeconds(1));
        assertTimeoutPreemptively(Duration.ofSeconds(30), idle::awaitStop);
        assertFalse(Files.exists(directory.socket()), "the socket goes with the service");
    }

    @Test
    void aClientOfAnotherBuildGetsAServiceOfItsOwnBuild() throws Exception {
        RunnerService[] started = new RunnerService[1];
        ServiceClient rebuilt = new ServiceClient(directory, "rebuilt", d -> {
            started[0] = RunnerService.start(d, "rebuilt", RunnerCli::run, Duration.ofMinutes(1));
            return () -> true;
        }, RunnerServiceTest::inProcessHere);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = rebuilt.run(List.of("exec", "-c", "print('new build')"), input(""), out, OutputStream.nullOutputStream(), FIXTURES, environment());
        assertEquals(0, code);
        assertEquals("new build\n", out.toString(StandardCharsets.UTF_8));
        assertTimeoutPreemptively(Duration.ofSeconds(30), service::awaitStop, "the old build's service retires");
        started[0].close();
    }

    @Test
    void aDirectoryOthersCanEnterIsRefused() throws Exception {
        service.close();
        Files.setPosixFilePermissions(directory.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int before = inProcessRuns;
        int code = client().run(List.of("exec", "-c", "print(1)"), input(""), OutputStream.nullOutputStream(), err, FIXTURES, environment());
        assertEquals(0, code, "the command still runs, in the client's own process");
        assertEquals(before + 1, inProcessRuns);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("runner: warning: not using the runner service: the service directory "),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("has mode rwxr-xr-x"), err.toString(StandardCharsets.UTF_8));
        ServiceException refused = assertThrows(ServiceException.class, () -> RunnerService.start(directory, BUILD, RunnerCli::run, Duration.ofMinutes(1)));
        assertTrue(refused.getMessage().contains("must be rwx------"), refused.getMessage());
    }

    @Test
    void connectionsFromAnotherUserAreRefused() {
        assertNull(RunnerService.peerRefusal("alice", "alice"));
        assertEquals("refused a connection from user mallory: this runner service belongs to alice",
                RunnerService.peerRefusal("mallory", "alice"));
    }

    @Test
    void aSecondServiceInTheSameDirectoryDoesNotStart() {
        assertThrows(RunnerService.AlreadyRunning.class, () -> RunnerService.start(directory, BUILD, RunnerCli::run, Duration.ofMinutes(1)));
        assertEquals(new Result(0, "1\n", ""), throughService("", "exec", "-c", "print(1)").withoutJitWarning());
    }

    private void awaitStatus(String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            out.reset();
            client().daemon(List.of("status"), print, print);
            if (out.toString(StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the status never said '" + line + "': " + out.toString(StandardCharsets.UTF_8));
    }

    private void awaitRunning(int commands) throws InterruptedException {
        awaitStatus(", " + commands + " running");
        Thread.sleep(500);   // past the request, into the guest
    }
}
