package dev.subinterp.service;

import dev.subinterp.internal.io.ChannelStreams;
import dev.subinterp.policy.Durations;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * The client {@code scripts/runner} starts for {@code runner exec} and {@code runner daemon
 * start|stop|status}: a small JVM that loads no Truffle and nothing beyond the JDK and the policy
 * model's {@code Durations}. (For {@code exec}, the launcher first tries {@code runner-client}, built from
 * {@code src/main/c/runner-client.c} when a C compiler is there: it does the common case, a running
 * service of the same build, without a JVM start, and hands every other case to this class.) It hands the
 * command, its working directory and environment to the service (starting the service first if none
 * is running), streams standard input to it and its output back, passes Ctrl-C on, and exits with
 * the command's exit code.
 *
 * <p>Exit codes of its own: 2 when the service directory is unsafe or the service cannot be started,
 * 255 when the service went away during the command (as ssh does), 3 for {@code daemon status} when
 * no service runs.
 */
public final class ServiceClient {
    static final int UNUSABLE = 2;
    static final int CONNECTION_LOST = 255;
    static final int NOT_RUNNING = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** Starts a service process for the directory (the real one: {@code setsid scripts/runner daemon serve}). */
    interface Starter {
        /** Starts it; the result tells whether the started process is still alive (false: it failed). */
        BooleanSupplier start(ServiceDirectory directory) throws ServiceException;
    }

    /** Runs a command in the client's own process instead (the real one: {@code scripts/runner --no-daemon ...}). */
    interface InProcess {
        int run(List<String> arguments);
    }

    private final ServiceDirectory directory;
    private final String build;
    private final Starter starter;
    private final InProcess inProcess;
    private volatile Runnable onInterrupt = () -> { };

    ServiceClient(ServiceDirectory directory, String build, Starter starter, InProcess inProcess) {
        this.directory = directory;
        this.build = build;
        this.starter = starter;
        this.inProcess = inProcess;
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        ServiceDirectory directory = ServiceDirectory.locate(environment);
        String launcher = System.getProperty("runner.launcher", "scripts/runner");
        String idle = null;
        List<String> arguments = List.of(args);
        if (arguments.size() >= 2 && arguments.get(0).equals("daemon") && arguments.contains("--idle-timeout")) {
            int at = arguments.indexOf("--idle-timeout");
            idle = at + 1 < arguments.size() ? arguments.get(at + 1) : "";
        }
        ServiceClient client = new ServiceClient(directory, Build.current(), launcherStarter(launcher, idle), inProcess(launcher));
        int code;
        if (!arguments.isEmpty() && arguments.get(0).equals("daemon")) {
            code = client.daemon(arguments.subList(1, arguments.size()), System.out, System.err);
        } else {
            client.forwardCtrlC();
            code = client.run(arguments, System.in, System.out, System.err, Path.of("").toAbsolutePath(), environment);
        }
        System.exit(code);
    }

    /**
     * Runs one runner command in the service and returns its exit code; output arrives on {@code out}
     * and {@code err} as the command writes it.
     */
    int run(List<String> arguments, InputStream in, OutputStream out, OutputStream err, Path workingDirectory,
            Map<String, String> environment) {
        PrintStream messages = new PrintStream(err, true, StandardCharsets.UTF_8);
        Request request = new Request(build, arguments, workingDirectory.toString(), environment);
        for (int attempt = 0; ; attempt++) {
            SocketChannel channel;
            try {
                channel = connectOrStart();
            } catch (ServiceException e) {
                // Nothing ran yet: the command still runs, in this process, and the user learns why not in the service.
                messages.println("runner: warning: not using the runner service: " + e.getMessage() + "; running in this process");
                return inProcess.run(arguments);
            }
            try (channel) {
                DataInputStream fromService = new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel)));
                DataOutputStream toService = new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(channel)));
                Frames.write(toService, Frames.RUN, request.encode());
                Frames.Frame reply = Frames.read(fromService);
                if (reply.type() == Frames.REFUSED) {
                    String reason = new String(reply.payload(), StandardCharsets.UTF_8);
                    if (reason.startsWith(Frames.STALE_PREFIX) && attempt < 2) {
                        awaitSocketGone(Duration.ofSeconds(15));   // that service retires; start one of this build
                        continue;
                    }
                    messages.println("runner: the runner service refused the command: " + reason);
                    return UNUSABLE;
                }
                if (reply.type() != Frames.ACCEPTED) {
                    messages.println("runner: the runner service answered with an unexpected frame; see " + directory.log());
                    return CONNECTION_LOST;
                }
                onInterrupt = () -> send(toService, Frames.INTERRUPT, Frames.NONE);
                Semaphore wanted = new Semaphore(0);
                pumpStdin(in, toService, wanted);
                return relayOutput(fromService, out, err, wanted);
            } catch (IOException e) {
                String how = e instanceof EOFException ? "" : " (" + e.getMessage() + ")";
                messages.println("runner: the runner service ended before the command finished; see " + directory.log() + how);
                return CONNECTION_LOST;
            } finally {
                onInterrupt = () -> { };
            }
        }
    }

    /** What Ctrl-C does: asks the service to interrupt the running command (nothing between commands). */
    void interrupt() {
        onInterrupt.run();
    }

    /** {@code runner daemon start|stop|status}. */
    int daemon(List<String> arguments, PrintStream out, PrintStream err) {
        String action = arguments.isEmpty() ? "" : arguments.get(0);
        try {
            switch (action) {
                case "start" -> {
                    SocketChannel running = connect();
                    if (running != null) {
                        running.close();
                        out.println("runner service: already running (socket " + directory.socket() + ")");
                    } else {
                        connectOrStart().close();
                        out.println("runner service: started (socket " + directory.socket() + ", log " + directory.log() + ")");
                    }
                    return 0;
                }
                case "status", "stop" -> {
                    SocketChannel channel = connect();
                    if (channel == null) {
                        out.println("runner service: not running (socket " + directory.socket() + ")");
                        return action.equals("status") ? NOT_RUNNING : 0;
                    }
                    try (channel) {
                        DataOutputStream toService = new DataOutputStream(ChannelStreams.output(channel));
                        Frames.write(toService, action.equals("status") ? Frames.STATUS : Frames.STOP, Frames.NONE);
                        Frames.Frame reply = Frames.read(new DataInputStream(ChannelStreams.input(channel)));
                        out.println(new String(reply.payload(), StandardCharsets.UTF_8));
                        if (reply.type() == Frames.REFUSED) {
                            return UNUSABLE;
                        }
                    }
                    if (action.equals("stop") && !awaitSocketGone(Duration.ofSeconds(15))) {
                        err.println("runner: the runner service did not stop within 15 s; see " + directory.log());
                        return UNUSABLE;
                    }
                    return 0;
                }
                default -> {
                    err.println("runner daemon: use 'runner daemon start [--idle-timeout DURATION]', 'runner daemon status' or 'runner daemon stop'");
                    return UNUSABLE;
                }
            }
        } catch (ServiceException e) {
            err.println("runner: " + e.getMessage());
            return UNUSABLE;
        } catch (IOException e) {
            err.println("runner: lost the connection to the runner service (" + e.getMessage() + "); see " + directory.log());
            return CONNECTION_LOST;
        }
    }

    /** A connection to the running service, or null when none listens. Refuses an unsafe directory. */
    private SocketChannel connect() throws ServiceException {
        if (!Files.exists(directory.path())) {
            return null;
        }
        directory.check();
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(directory.socket()));
        } catch (IOException nothingListens) {
            return null;
        }
    }

    private SocketChannel connectOrStart() throws ServiceException {
        SocketChannel channel = connect();
        if (channel != null) {
            return channel;
        }
        directory.createIfMissing();
        BooleanSupplier alive = null;   // what tells whether the service we wait for is still on its way
        boolean startedOne = false;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            channel = connect();
            if (channel != null) {
                return channel;
            }
            if (alive == null || !alive.getAsBoolean()) {
                if (lockHeld()) {
                    alive = this::lockHeld;   // another client's service is starting: wait for it, do not start a rival
                } else if (!startedOne) {
                    alive = starter.start(directory);
                    startedOne = true;
                } else {
                    throw new ServiceException("the runner service did not start; see " + directory.log());
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ServiceException("the runner service did not start within " + START_TIMEOUT.toSeconds() + " s; see "
                + directory.log() + " (or run with --no-daemon)");
    }

    private boolean awaitSocketGone(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (Files.exists(directory.socket())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Whether a service holds the directory's lock (is starting or running). */
    private boolean lockHeld() {
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(directory.lockFile(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held = ServiceDirectory.tryLock(lock);
            if (held != null) {
                held.release();
                return false;
            }
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Reads standard input only when the command asks ({@link Frames#WANT}): once per request, up
     * to a chunk, as an in-process run would read it; at its end, says so.
     */
    private static void pumpStdin(InputStream in, DataOutputStream toService, Semaphore wanted) {
        Thread.ofPlatform().name("runner-client-stdin").daemon(true).start(() -> {
            byte[] buffer = new byte[Frames.CHUNK];
            try {
                while (true) {
                    wanted.acquire();
                    int n = in.read(buffer);
                    if (n < 0) {
                        Frames.write(toService, Frames.STDIN_END, Frames.NONE);
                        return;
                    }
                    Frames.write(toService, Frames.STDIN, buffer, 0, n);
                }
            } catch (IOException | InterruptedException commandOver) {
                // the connection closed: the command has ended
            }
        });
    }

    private static int relayOutput(DataInputStream fromService, OutputStream out, OutputStream err, Semaphore wanted) throws IOException {
        while (true) {
            Frames.Frame frame = Frames.read(fromService);
            switch (frame.type()) {
                case Frames.WANT -> wanted.release();
                case Frames.STDOUT -> {
                    out.write(frame.payload());
                    out.flush();
                }
                case Frames.STDERR -> {
                    err.write(frame.payload());
                    err.flush();
                }
                case Frames.EXIT -> {
                    out.flush();
                    err.flush();
                    return Frames.exitCode(frame.payload());
                }
                default -> throw new IOException("unexpected frame " + (char) frame.type());
            }
        }
    }

    private static void send(DataOutputStream toService, byte type, byte[] payload) {
        try {
            Frames.write(toService, type, payload);
        } catch (IOException gone) {
            // the command has ended anyway
        }
    }

    /**
     * Ctrl-C interrupts the command in the service, not the client: the service cancels it and the
     * client exits 130. A second Ctrl-C leaves at once.
     */
    private void forwardCtrlC() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), new sun.misc.SignalHandler() {
                private volatile boolean pressed;

                @Override
                public void handle(sun.misc.Signal signal) {
                    if (pressed) {
                        Runtime.getRuntime().halt(ServedCommand.INTERRUPTED);
                    }
                    pressed = true;
                    interrupt();
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException noSignals) {
            // the JVM keeps its default: Ctrl-C ends the client, and the service cancels the orphaned command
        }
    }

    /** Starts {@code launcher daemon serve} in its own session (setsid), so the terminal's Ctrl-C and hang-up do not reach it. */
    static Starter launcherStarter(String launcher, String idleTimeout) {
        return directory -> {
            // setsid without -f: this child is no group leader, so setsid execs in place and the process is the service.
            List<String> command = Arrays.asList("setsid", launcher, "daemon", "serve");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(new File("/"))   // each command brings its own working directory; the service keeps none
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.log().toFile()))
                    .redirectErrorStream(true);
            builder.environment().put("RUNNER_DAEMON_DIR", directory.path().toString());
            builder.environment().remove("TZ");   // each command brings its own (HostEnvironment)
            if (idleTimeout != null) {
                try {
                    Durations.parse(idleTimeout);
                } catch (IllegalArgumentException e) {
                    throw new ServiceException("--idle-timeout: " + e.getMessage());
                }
                builder.environment().put("RUNNER_DAEMON_IDLE", idleTimeout);
            }
            String idle = builder.environment().get("RUNNER_DAEMON_IDLE");
            if (idle != null) {
                try {
                    Durations.parse(idle);
                } catch (IllegalArgumentException e) {
                    throw new ServiceException("RUNNER_DAEMON_IDLE: " + e.getMessage());
                }
            }
            try {
                Process service = builder.start();
                return service::isAlive;
            } catch (IOException e) {
                throw new ServiceException("could not start the runner service: " + e.getMessage());
            }
        };
    }

    /** {@code launcher --no-daemon ARGS}: the command in a process of its own, with this one's streams. */
    static InProcess inProcess(String launcher) {
        return arguments -> {
            List<String> command = new java.util.ArrayList<>(List.of(launcher, "--no-daemon"));
            command.addAll(arguments);
            try {
                return new ProcessBuilder(command).inheritIO().start().waitFor();
            } catch (IOException e) {
                System.err.println("runner: cannot run " + launcher + ": " + e.getMessage());
                return UNUSABLE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ServedCommand.INTERRUPTED;
            }
        };
    }
}
