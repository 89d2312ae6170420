package dev.subinterp.internal.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The supervisor's side of one worker JVM: the process, its connection, and the requests waiting for
 * an answer. One reader thread takes every message the worker sends: answers complete their request,
 * everything else (output, a read of stdin, a host function call) goes to the {@link Listener} of the
 * interpreter the worker serves now. When the worker ends, every waiting request fails with
 * {@link Ended}, which says how it ended.
 *
 * <p>The worker connects back to a socket in the pool's private directory (0700), and is accepted only
 * if it runs as this user and presents the one-time token it was given on its standard input; that
 * input stays open for the worker's life, so the worker ends when its supervisor does, however it ends.
 */
final class WorkerProcess {
    /** How long a new worker may take to connect: a JVM start on a loaded machine. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);

    /** What the interpreter a worker serves hears from it, besides answers. */
    interface Listener {
        /** Output of the guest: {@code fd} 1 or 2. */
        void output(int fd, byte[] bytes);

        /** The guest reads its standard input: answer with {@link #sendInput} (up to {@code max} bytes), or its end. */
        void inputWanted(int max);

        /** The guest called a host function ({@code hostCall}): answer with a {@code hostReply}. */
        void hostCall(ObjectNode call);

        /** The guest used a queue or channel of this JVM ({@code handleOp}, see {@link HandleServer}). */
        void handleOp(ObjectNode request);

        /** The guest no longer waits for the answer to handle operation {@code callId}. */
        void handleCancel(long callId);

        /** Whether the item taken for handle operation {@code callId} reached the guest. */
        void handleConfirm(long callId, boolean received);

        /** The worker has ended (any waiting request has failed). */
        void ended();
    }

    /** The worker ended; {@link #description()} says how (an exit status, or the signal that killed it). */
    static final class Ended extends RuntimeException {
        final int status;
        /** Whether the worker's heap ran out: the JVM said so as it exited ({@code ExitOnOutOfMemoryError}). */
        final boolean outOfMemory;

        Ended(int status, String description, boolean outOfMemory) {
            super(description, null, false, false);
            this.status = status;
            this.outOfMemory = outOfMemory;
        }

        String description() {
            return getMessage();
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong();

    final long heapBytes;
    private final Process process;
    private final Wire wire;
    private final Map<Long, CompletableFuture<ObjectNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong nextRequest = new AtomicLong(1);
    private final CompletableFuture<Ended> ended = new CompletableFuture<>();
    private final OutputStream lifeline;
    private volatile Listener listener;
    private final ProcessOutput processOutput;
    private volatile boolean tainted;
    private volatile String killedBecause;
    /** Families served so far, for status displays. */
    final AtomicLong served = new AtomicLong();

    private WorkerProcess(long heapBytes, Process process, Wire wire, ProcessOutput processOutput) {
        this.heapBytes = heapBytes;
        this.processOutput = processOutput;
        this.process = process;
        this.wire = wire;
        this.lifeline = process.getOutputStream();
        Thread.ofPlatform().name("worker-" + process.pid() + "-reader").daemon(true).start(this::readAll);
    }

    /** Starts a worker JVM with {@code heapBytes} of heap and waits until it has connected. */
    static WorkerProcess start(long heapBytes, Path directory, List<String> command) throws IOException {
        Path socket = directory.resolve("w-" + ProcessHandle.current().pid() + "-" + SERIAL.incrementAndGet() + ".sock");
        String token = HexFormat.of().formatHex(SecureRandom.getSeed(16));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Process process = new ProcessBuilder(WorkerLaunch.withSocket(command, socket))
                    .start();
            ProcessOutput processOutput = new ProcessOutput();
            processOutput.drain(process.getInputStream(), 1, "worker-" + process.pid() + "-stdout");
            StderrTail.drain(process, processOutput);
            try {
                process.getOutputStream().write((token + "\n").getBytes(StandardCharsets.US_ASCII));
                process.getOutputStream().flush();
                // An accept that never comes (the JVM failed to start) ends with the process or the timeout.
                CompletableFuture<?> giveUp = process.onExit().thenRun(() -> closeQuietly(server));
                CompletableFuture.runAsync(() -> closeQuietly(server),
                        CompletableFuture.delayedExecutor(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                SocketChannel channel = server.accept();
                giveUp.cancel(false);
                Wire wire = Wire.over(channel);
                String peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
                ObjectNode hello = wire.receive();
                if (!peer.equals(System.getProperty("user.name")) || !"hello".equals(hello.path("op").asText())
                        || !token.equals(hello.path("token").asText())) {
                    wire.close();
                    throw new IOException("a process that is not the worker started connected to " + socket + "; refused");
                }
                return new WorkerProcess(heapBytes, process, wire, processOutput);
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                boolean exited = process.waitFor(5, TimeUnit.SECONDS);
                throw new IOException("the worker JVM did not start: " + (exited ? "it " + describe(process.exitValue()) : e.getMessage()), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a worker JVM started");
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive() && !ended.isDone();
    }

    /** Whether this worker must not serve another family (it hit a limit, or ran code that could reach its JVM). */
    boolean isTainted() {
        return tainted;
    }

    void taint() {
        tainted = true;
    }

    /**
     * What the worker process itself writes to its stdout and stderr (not its guests' output, which
     * crosses the socket) goes to the listener's streams from now until the next {@link #listen}: for a
     * family whose guests may start processes or reach the JVM, whose children and {@code System.out}
     * write there, as they would write to the terminal of an in-process run.
     */
    void forwardProcessOutput() {
        processOutput.to = listener;
    }

    /** The interpreter served now hears the worker's output and requests. */
    void listen(Listener listener) {
        this.listener = listener;
        processOutput.to = null;
    }

    /** Sends {@code request} and returns its answer when it comes; fails with {@link Ended} if the worker ends first. */
    CompletableFuture<ObjectNode> request(ObjectNode request) {
        long id = nextRequest.getAndIncrement();
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        request.put("id", id);
        if (ended.isDone()) {
            waiting.remove(id);
            answer.completeExceptionally(ended.join());
            return answer;
        }
        try {
            wire.send(request);
        } catch (IOException e) {
            // The worker has gone: the reader fails every waiting request once it knows how it ended.
        }
        return answer;
    }

    /** Sends a message that has no answer. */
    void tell(ObjectNode message) {
        try {
            wire.send(message);
        } catch (IOException e) {
            // The worker has gone; the reader reports how.
        }
    }

    void sendInput(byte[] bytes) {
        ObjectNode message = Wire.message(bytes == null ? "stdinEnd" : "stdin");
        if (bytes != null) {
            message.put("data", bytes);
        }
        tell(message);
    }

    /** Ends the worker now (SIGKILL), for {@code reason}; waiting requests fail with {@link Ended}. */
    void kill(String reason) {
        tainted = true;
        if (killedBecause == null) {
            killedBecause = reason;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);   // processes its guests started end with it
        process.destroyForcibly();
    }

    /** Completes when the worker has ended and every waiting request has failed. */
    CompletableFuture<Ended> ended() {
        return ended;
    }

    /** Why this runtime killed the worker, or null if it did not. */
    String killedBecause() {
        return killedBecause;
    }

    private void readAll() {
        try {
            while (true) {
                ObjectNode message = wire.receive();
                switch (message.path("op").asText()) {
                    case "reply" -> {
                        CompletableFuture<ObjectNode> answer = waiting.remove(message.path("id").asLong());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    }
                    case "out" -> withListener(l -> l.output(message.path("fd").asInt(), message.path("data").binaryValue()));
                    case "stdinWant" -> withListener(l -> l.inputWanted(message.path("max").asInt()));
                    case "hostCall" -> withListener(l -> l.hostCall(message));
                    case "handleOp" -> withListener(l -> l.handleOp(message));
                    case "handleCancel" -> withListener(l -> l.handleCancel(message.path("callId").asLong()));
                    case "handleConfirm" -> withListener(l -> l.handleConfirm(message.path("callId").asLong(),
                            message.path("received").asBoolean()));
                    default -> throw new IOException("the worker sent an unknown message: " + message.path("op").asText());
                }
            }
        } catch (IOException | RuntimeException gone) {
            tainted = true;
            wire.close();
            Ended end = endOf();
            Listener last = listener;
            if (last != null) {
                last.ended();   // before the calls fail: whoever sees the crash sees the queues made whole again
            }
            ended.complete(end);
            waiting.values().forEach(answer -> answer.completeExceptionally(end));
            waiting.clear();
        }
    }

    private interface ListenerCall {
        void accept(Listener listener) throws IOException;
    }

    private void withListener(ListenerCall call) throws IOException {
        Listener now = listener;
        if (now != null) {
            call.accept(now);
        }
    }

    /** How the worker ended, once its connection has: its exit status or signal (it is killed if it lingers). */
    private Ended endOf() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int status = process.isAlive() ? -1 : process.exitValue();
        closeQuietly(lifeline);
        String lastWords = StderrTail.of(process);
        boolean outOfMemory = status == WorkerLaunch.OUT_OF_MEMORY_STATUS && lastWords.contains("OutOfMemoryError");
        return new Ended(status, describe(status), outOfMemory);
    }

    /** "exited with status 3", "was killed by signal 9 (SIGKILL)": Java reports death by signal N as 128 + N. */
    static String describe(int status) {
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            String name = switch (signal) {
                case 6 -> " (SIGABRT)";
                case 9 -> " (SIGKILL)";
                case 11 -> " (SIGSEGV)";
                case 15 -> " (SIGTERM)";
                default -> "";
            };
            return "was killed by signal " + signal + name;
        }
        return "exited with status " + status;
    }

    /** Where the worker process's own stdout and stderr go: nowhere, or the listener {@link #forwardProcessOutput} named. */
    private static final class ProcessOutput {
        volatile Listener to;

        void write(int fd, byte[] buffer, int n) {
            Listener now = to;
            if (now != null && n > 0) {
                now.output(fd, java.util.Arrays.copyOf(buffer, n));
            }
        }

        /** Reads {@code stream} until it ends, writing each chunk as {@code fd}. */
        void drain(java.io.InputStream stream, int fd, String threadName) {
            Thread.ofPlatform().name(threadName).daemon(true).start(() -> {
                byte[] buffer = new byte[8192];
                try (stream) {
                    for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                        write(fd, buffer, n);
                    }
                } catch (IOException ignored) {
                    // The worker has gone.
                }
            });
        }
    }

    /**
     * The last few KiB a worker wrote to its stderr: the JVM's own last words (why it exited) are all the
     * supervisor needs; guests' output never goes there.
     */
    private static final class StderrTail {
        private static final int KEEP = 4096;
        private static final Map<Long, StringBuilder> TAILS = new ConcurrentHashMap<>();
        private static final Map<Long, Thread> DRAINS = new ConcurrentHashMap<>();

        static void drain(Process process, ProcessOutput alsoTo) {
            StringBuilder tail = new StringBuilder();
            TAILS.put(process.pid(), tail);
            Thread drain = Thread.ofPlatform().name("worker-" + process.pid() + "-stderr").daemon(true).start(() -> {
                byte[] buffer = new byte[1024];
                try (var err = process.getErrorStream()) {
                    for (int n = err.read(buffer); n >= 0; n = err.read(buffer)) {
                        alsoTo.write(2, buffer, n);
                        synchronized (tail) {
                            tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            if (tail.length() > KEEP) {
                                tail.delete(0, tail.length() - KEEP);
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // The worker has gone.
                }
            });
            DRAINS.put(process.pid(), drain);
        }

        /** What is kept of the stderr of {@code process}; forgotten once read. */
        static String of(Process process) {
            Thread drain = DRAINS.remove(process.pid());
            try {
                if (drain != null) {
                    drain.join(Duration.ofSeconds(1));   // the stream ends with the process
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StringBuilder tail = TAILS.remove(process.pid());
            if (tail == null) {
                return "";
            }
            synchronized (tail) {
                return tail.toString();
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
