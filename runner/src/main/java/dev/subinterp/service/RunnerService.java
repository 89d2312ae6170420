package dev.subinterp.service;

import dev.subinterp.internal.io.ChannelStreams;
import dev.subinterp.internal.worker.WorkerPool;
import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.Durations;
import dev.subinterp.policy.HostAccessLevel;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import jdk.net.ExtendedSocketOptions;
import org.graalvm.polyglot.Engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The warm runner service: a long-lived JVM (with the JIT) that runs {@code runner exec} commands for
 * clients on a Unix domain socket, so that they skip JVM start, language initialization and JIT
 * warm-up. Each command still gets a fresh runtime and fresh interpreters under its own policy, in
 * its caller's working directory and environment; only the GraalVM engines (one per host-access
 * level, which GraalVM requires to be the same for all contexts of an engine) and the code they
 * compiled are kept between commands.
 *
 * <p>Only the owner of the service directory can connect (checked again with the peer's
 * credentials). The service ends after {@code idleTimeout} without commands, when its socket file is
 * removed, when the runner is rebuilt, or when asked to stop.
 */
public final class RunnerService implements AutoCloseable {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ServiceDirectory directory;
    private final String build;
    private final Commands commands;
    /** What {@link Build#current()} said at start: when it changes, the runner was rebuilt under this service. */
    private final String codeAtStart = Build.current();
    private final Duration idleTimeout;
    /** The service directory's owner, named as the peer credentials name users (a name, or a number without one). */
    private final String owner;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ServerSocketChannel server;
    private final Map<HostAccessLevel, Engine> engines = new ConcurrentHashMap<>();
    private final ReadyRuntimes ready = new ReadyRuntimes();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final Instant startedAt = Instant.now();
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean stopping;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("runner-service-housekeeping").daemon(true).factory());

    private RunnerService(ServiceDirectory directory, String build, Commands commands, Duration idleTimeout, FileChannel lockChannel, FileLock lock,
                          ServerSocketChannel server) {
        this.directory = directory;
        this.build = build;
        this.commands = commands;
        this.idleTimeout = idleTimeout;
        this.owner = directory.owner();
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.server = server;
    }

    /**
     * Takes the directory's lock, binds the socket and starts accepting commands, each run by {@code commands}.
     *
     * @throws AlreadyRunning another service holds the lock
     */
    public static RunnerService start(ServiceDirectory directory, String build, Commands commands, Duration idleTimeout)
            throws ServiceException {
        directory.createIfMissing();
        FileChannel lockChannel = null;
        try {
            lockChannel = FileChannel.open(directory.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel);
            if (lock == null) {
                lockChannel.close();
                throw new AlreadyRunning(directory);
            }
            Files.deleteIfExists(directory.socket());   // left by a service that did not end cleanly
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(directory.socket()));
            Files.setPosixFilePermissions(directory.socket(), PosixFilePermissions.fromString("rw-------"));
            RunnerService service = new RunnerService(directory, build, commands, idleTimeout, lockChannel, lock, server);
            service.begin();
            return service;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new ServiceException("cannot start the runner service in " + directory.path() + ": " + e.getMessage());
        }
    }

    /**
     * The lock, or null when another service (another process or this JVM) holds it. Tried a few
     * times: a client probing whether a service is starting holds it for an instant.
     */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            FileLock lock = ServiceDirectory.tryLock(channel);
            if (lock != null) {
                return lock;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void begin() {
        log("started (pid " + ProcessHandle.current().pid() + ", build " + build + ", idle timeout " + Durations.format(idleTimeout) + ")");
        Thread.ofPlatform().name("runner-service-accept").start(this::acceptLoop);
        housekeeping.scheduleWithFixedDelay(this::checkStillWanted, 1, 1, TimeUnit.SECONDS);
        Thread.ofPlatform().name("runner-service-warm-up").daemon(true).start(this::warmUp);
    }

    /** Blocks until the service has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public Path socket() {
        return directory.socket();
    }

    private void acceptLoop() {
        while (!stopping) {
            try {
                SocketChannel client = server.accept();
                Thread.ofPlatform().name("runner-service-client").daemon(true).start(() -> serve(client));
            } catch (IOException e) {
                if (!stopping) {
                    log("accept failed: " + e.getMessage());
                    stopLater("it cannot accept connections", STOP_GRACE);
                }
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(channel)));
            String peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
            String refusal = peerRefusal(peer, owner);
            if (refusal != null) {
                log(refusal);
                Frames.write(out, Frames.REFUSED, refusal.getBytes(StandardCharsets.UTF_8));
                return;
            }
            Frames.Frame first = Frames.read(in);
            switch (first.type()) {
                case Frames.RUN -> run(Request.decode(first.payload()), in, out, channel);
                case Frames.STATUS -> Frames.write(out, Frames.TEXT, status().getBytes(StandardCharsets.UTF_8));
                case Frames.STOP -> {
                    Frames.write(out, Frames.TEXT, ("runner service: stopping (pid " + ProcessHandle.current().pid() + ")")
                            .getBytes(StandardCharsets.UTF_8));
                    stopLater("asked to stop", STOP_GRACE);
                }
                default -> Frames.write(out, Frames.REFUSED, "not a runner service request".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof EOFException)) {
                log("a connection failed: " + e);
            }
        }
    }

    /** Why a connection from {@code peer} is refused, or null when it is the service's own user. */
    static String peerRefusal(String peer, String owner) {
        return peer.equals(owner) ? null
                : "refused a connection from user " + peer + ": this runner service belongs to " + owner;
    }

    private void run(Request request, DataInputStream in, DataOutputStream out, SocketChannel channel) throws IOException {
        if (!request.build().equals(build)) {
            Frames.write(out, Frames.REFUSED, (Frames.STALE_PREFIX + "this service runs build " + build + ", the client is build "
                    + request.build()).getBytes(StandardCharsets.UTF_8));
            // Retire: the socket goes now (a service of the client's build can start), running commands finish.
            stopLater("a client of another build asked (" + request.build() + ")", null);
            return;
        }
        if (stopping) {
            Frames.write(out, Frames.REFUSED, (Frames.STALE_PREFIX + "the service is stopping").getBytes(StandardCharsets.UTF_8));
            return;
        }
        running.incrementAndGet();
        served.incrementAndGet();
        touch();
        ServedCommand command = new ServedCommand(out);
        Thread worker = Thread.ofPlatform().name("runner-service-command").daemon(true).unstarted(() -> {
            try {
                command.finished(execute(request, command));
            } catch (RuntimeException | Error e) {
                log("a command failed: " + e);
                command.finished(2);
            } finally {
                running.decrementAndGet();
                touch();
            }
        });
        try {
            Frames.write(out, Frames.ACCEPTED, Frames.NONE);
        } catch (IOException clientGone) {
            running.decrementAndGet();
            throw clientGone;
        }
        worker.start();
        readClientFrames(in, command, worker);
    }

    /**
     * Runs the command on a runtime prepared for its kind if there is one, else on a new one, then has
     * the next one prepared: a command is often run again (edit, run, edit, run).
     */
    private int execute(Request request, ServedCommand command) {
        // Guests never see the service's own directory (socket, lock, log), whatever their file roots.
        HostEnvironment host = new HostEnvironment(Path.of(request.workingDirectory()), request.environment(), List.of(directory.path()));
        PrintStream out = new PrintStream(command.output(Frames.STDOUT), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(command.output(Frames.STDERR), false, StandardCharsets.UTF_8);
        // Every command's interpreters run in worker JVMs of their own: no command can stop, starve or crash another.
        int code = commands.run(request.arguments().toArray(String[]::new), command.stdin, out, err, host, policy -> command.track(
                ready.take(request.arguments(), host, policy.withProcessIsolation())
                        .orElseGet(() -> new Interpreters(policy.withProcessIsolation(), engineFor(policy), host))));
        if (!command.hasEnded()) {   // not after Ctrl-C or a vanished client
            command.firstRuntime().ifPresent(first -> ready.prepareAfter(request.arguments(), host, first.policy(), first));
        }
        return code;
    }

    /** Feeds the command's stdin and Ctrl-C until it ends; a vanished client cancels it. */
    private static void readClientFrames(DataInputStream in, ServedCommand command, Thread worker) {
        try {
            while (!command.hasEnded()) {
                Frames.Frame frame = Frames.read(in);
                switch (frame.type()) {
                    case Frames.STDIN -> command.stdin.feed(frame.payload());
                    case Frames.STDIN_END -> command.stdin.end();
                    case Frames.INTERRUPT -> command.interrupt();
                    default -> throw new IOException("unexpected frame " + (char) frame.type());
                }
            }
        } catch (IOException e) {
            command.clientGone();
        }
        try {
            worker.join(STOP_GRACE.toMillis());   // its last frame goes out before the connection closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Engine engineFor(SandboxPolicy policy) {
        return engines.computeIfAbsent(policy.hostAccess(), level -> Interpreters.newEngine());
    }

    /** Starts a worker and initializes both languages in it once, so that the first command does not pay for it. */
    private void warmUp() {
        SandboxPolicy policy = PolicyLoader.defaultPolicy().withProcessIsolation();
        for (Language language : Language.values()) {
            if (stopping) {
                return;
            }
            try (Interpreters runtime = new Interpreters(policy, engineFor(policy), HostEnvironment.current());
                 Interpreter interpreter = runtime.create(language)) {
                interpreter.exec(language == Language.PYTHON ? "import json, sys" : "JSON.stringify({})");
            } catch (RuntimeException e) {
                if (!stopping) {
                    log("warm-up of " + language.id() + " failed: " + e.getMessage());
                }
            }
        }
    }

    private void checkStillWanted() {
        if (stopping) {
            return;
        }
        if (!Files.exists(directory.socket())) {
            stopLater("its socket " + directory.socket() + " was removed", STOP_GRACE);
        } else if (running.get() == 0 && System.nanoTime() - lastActivity > idleTimeout.toNanos()) {
            stopLater("idle for " + Durations.format(idleTimeout), STOP_GRACE);
        } else if (!Build.current().equals(codeAtStart)) {
            stopLater("the runner was rebuilt", null);
        }
    }

    /** {@link #stop} on a thread of its own, so that the caller (a connection, the housekeeping) is not held up. */
    private void stopLater(String reason, Duration grace) {
        Thread.ofPlatform().name("runner-service-stop").start(() -> stop(reason, grace));
    }

    private String status() {
        long idleSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastActivity);
        String jit = engines.values().stream().findFirst().map(e -> "Interpreted".equals(e.getImplementationName()) ? "off" : "on")
                .orElse("not started");
        return "runner service: running\n"
                + "pid: " + ProcessHandle.current().pid() + "\n"
                + "socket: " + directory.socket() + "\n"
                + "build: " + build + "\n"
                + "jit: " + jit + "\n"
                + "uptime: " + Duration.between(startedAt, Instant.now()).toSeconds() + "s\n"
                + "commands: " + served.get() + " served, " + running.get() + " running\n"
                + "prepared: " + ready.size() + " waiting, " + ready.used() + " used\n"
                + "idle timeout: " + Durations.format(idleTimeout) + " (idle for " + idleSeconds + "s)\n"
                + workers();
    }

    /** The worker JVMs that run the commands' interpreters, a line each. */
    private static String workers() {
        List<String> workers = WorkerPool.shared().describe();
        StringBuilder text = new StringBuilder("workers: " + workers.size());
        workers.forEach(line -> text.append("\n  ").append(line));
        return text.toString();
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }

    /**
     * Stops accepting (the socket goes at once, so a new service can start), lets running commands
     * finish (for at most {@code grace}; null: however long they take), then closes the engines.
     * Idempotent.
     */
    void stop(String reason, Duration grace) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        log("stopping: " + reason);
        housekeeping.shutdownNow();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            Files.deleteIfExists(directory.socket());
            lock.release();
        } catch (IOException ignored) {
            // the next service replaces a stale socket
        }
        closeQuietly(lockChannel);
        long deadline = grace == null ? Long.MAX_VALUE : System.nanoTime() + grace.toNanos();
        while (running.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ready.close();
        closeEngines();
        log("stopped");
        stopped.countDown();
    }

    /** Closes the engines, cancelling what still runs; gives up waiting after a while (the JVM exits next anyway). */
    private void closeEngines() {
        Thread closer = Thread.ofPlatform().name("runner-service-close-engines").daemon(true).start(() -> {
            for (Engine engine : engines.values()) {
                try {
                    engine.close(true);
                } catch (RuntimeException e) {
                    log("closing an engine failed: " + e.getMessage());
                }
            }
        });
        try {
            if (!closer.join(STOP_GRACE)) {
                log("the engines did not close within " + Durations.format(STOP_GRACE));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop("closed", STOP_GRACE);
    }

    private static void log(String message) {
        System.err.println(Instant.now() + " runner service: " + message);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing more to release
            }
        }
    }

    /** Another service already holds the directory's lock. */
    public static final class AlreadyRunning extends ServiceException {
        AlreadyRunning(ServiceDirectory directory) {
            super("a runner service is already running in " + directory.path());
        }
    }

    /**
     * {@code scripts/runner daemon serve}: runs the service for {@code commands} in the foreground until it
     * stops, then ends the JVM. {@code RUNNER_DAEMON_IDLE} (like 30s or 15m) sets the idle timeout.
     */
    public static void serve(Commands commands) throws InterruptedException {
        try {
            String idleSetting = System.getenv("RUNNER_DAEMON_IDLE");
            Duration idle = idleSetting == null || idleSetting.isBlank() ? DEFAULT_IDLE_TIMEOUT : Durations.parse(idleSetting);
            RunnerService service = start(ServiceDirectory.locate(System.getenv()), Build.current(), commands, idle);
            service.awaitStop();
            // Not System.exit: GraalVM's shutdown hook would wait for an engine whose close was given up on.
            System.err.flush();
            Runtime.getRuntime().halt(0);
        } catch (AlreadyRunning e) {
            log(e.getMessage());
            System.exit(0);
        } catch (ServiceException | IllegalArgumentException e) {
            log(e.getMessage());
            System.exit(2);
        }
    }
}
