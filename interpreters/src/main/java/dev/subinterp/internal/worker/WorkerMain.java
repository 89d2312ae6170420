package dev.subinterp.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.interpreter.HostFunction;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.HostAccessLevel;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import org.graalvm.polyglot.Engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker JVM: serves one family of interpreters at a time for its supervisor, over the socket it
 * was told to connect to. The family's runtime is made fresh for each {@code open} and closed with the
 * family; the GraalVM engine (with what its JIT compiled) stays, so the next family starts warm.
 * The worker exits when its standard input ends: its supervisor has gone, however it went.
 */
public final class WorkerMain {
    private final Wire wire;
    private final ExecutorService requests = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("worker-request-", 1).daemon(true).factory());
    private final Map<HostAccessLevel, Engine> engines = new java.util.EnumMap<>(HostAccessLevel.class);
    private final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private final Map<Long, CompletableFuture<JsonNode>> hostCalls = new ConcurrentHashMap<>();
    private final AtomicLong nextHostCall = new AtomicLong(1);
    private volatile Family family;

    /** The family served now: its runtime and the interpreter the host created. */
    private record Family(Interpreters runtime, Interpreter interpreter, RemoteHandles handles) {
    }

    private WorkerMain(Wire wire) {
        this.wire = wire;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || !WorkerLaunch.inWorker()) {
            System.err.println("this is a worker of the interpreters runtime; its supervisor starts it");
            System.exit(2);
        }
        String token = readLine(System.in);
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
        Wire wire = Wire.over(channel);
        Thread.ofPlatform().name("worker-lifeline").daemon(true).start(WorkerMain::exitWithSupervisor);
        WorkerMain worker = new WorkerMain(wire);
        worker.warmUp(java.util.Arrays.stream(args).skip(1).map(Language::fromName).toList());
        wire.send(Wire.message("hello").put("token", token).put("pid", ProcessHandle.current().pid()));
        worker.serve();
    }

    /**
     * Initializes {@code languages} once in the engine families without host access use, before this
     * worker says it is ready: the first Python context of a JVM takes seconds, which no family's first
     * call (and its time limit) should pay.
     */
    private void warmUp(List<Language> languages) {
        SandboxPolicy policy = PolicyLoader.defaultPolicy();
        try (Interpreters runtime = WorkerRuntimes.get().runtime(policy, engineFor(policy), HostEnvironment.current(), 1)) {
            for (Language language : languages) {
                try (Interpreter interpreter = runtime.newInterpreter(language).stdout(OutputStream.nullOutputStream())
                        .stderr(OutputStream.nullOutputStream()).stdin(InputStream.nullInputStream()).create()) {
                    interpreter.exec(language == Language.PYTHON ? PYTHON_WARM_UP : JS_WARM_UP);
                }
            }
        }
    }

    /**
     * What a fresh worker runs before it reports ready: the paths every program takes (parsing, calls,
     * dicts and lists, JSON, an exception and its traceback), often enough that the JVM has compiled the
     * interpreter's own code for them, so that a family's first call is not a cold JVM's.
     */
    private static final String PYTHON_WARM_UP = """
            import json, sys, traceback, re, collections
            def _warm(n):
                table = {}
                for i in range(n):
                    table[str(i)] = [i, i * 2, {'k': i}]
                return json.loads(json.dumps(table))
            for _ in range(30):
                _warm(200)
            try:
                raise ValueError('warm')
            except ValueError:
                traceback.format_exc()
            """;
    private static final String JS_WARM_UP = """
            function warm(n) {
                const table = {};
                for (let i = 0; i < n; i++) table[String(i)] = [i, i * 2, {k: i}];
                return JSON.parse(JSON.stringify(table));
            }
            for (let i = 0; i < 30; i++) warm(200);
            try { null.x; } catch (e) { String(e.stack); }
            """;

    private Engine engineFor(SandboxPolicy policy) {
        synchronized (engines) {
            return engines.computeIfAbsent(policy.hostAccess(), level -> Interpreters.newEngine());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    /** Blocks until standard input ends (the supervisor has gone), then ends this JVM at once. */
    private static void exitWithSupervisor() {
        try {
            while (System.in.read() >= 0) {
                // The supervisor writes nothing more; any byte is ignored.
            }
        } catch (IOException ignored) {
            // Treated as the end.
        }
        Runtime.getRuntime().halt(0);
    }

    private void serve() {
        try {
            while (true) {
                ObjectNode message = wire.receive();
                switch (message.path("op").asText()) {
                    case "stdin" -> input.add(message.path("data").binaryValue());
                    case "stdinEnd" -> input.add(new byte[0]);
                    case "hostReply" -> {
                        CompletableFuture<JsonNode> call = hostCalls.remove(message.path("callId").asLong());
                        if (call != null) {
                            if (message.has("error")) {
                                call.completeExceptionally(new Exception(message.path("error").asText()));
                            } else {
                                call.complete(WireValues.get(message, "result", handles()));
                            }
                        }
                    }
                    case "handleReply" -> {
                        Family now = family;
                        if (now != null) {   // else the family closed, and the supervisor takes back what it held for it
                            now.handles().replied(message);
                        }
                    }
                    case "call" -> call(message);
                    default -> requests.execute(() -> answer(message));
                }
            }
        } catch (IOException gone) {
            Runtime.getRuntime().halt(0);   // the supervisor closed the connection: nothing is left to serve
        }
    }

    /** How values of the family served now name the host's queues and channels; none cross when no family is served. */
    private WireValues.Handles handles() {
        Family now = family;
        return now != null ? now.handles() : WireValues.NONE;
    }

    private void answer(ObjectNode request) {
        JsonNode result;
        try {
            result = perform(request);
        } catch (RuntimeException | Error e) {
            reply(request, null, e);
            return;
        }
        reply(request, result, null);
    }

    /**
     * A call, handed from this reader thread straight to the interpreter's own thread, which sends the
     * answer: no thread of the request pool waits for it in between (the hot path of a pool's tasks).
     */
    private void call(ObjectNode request) {
        Family now = family;
        if (now == null) {
            reply(request, null, new IllegalStateException("no interpreter is open in this worker"));
            return;
        }
        CompletableFuture<JsonNode> result;
        try {
            List<Object> arguments = new ArrayList<>();
            WireValues.get(request, "args", now.handles()).forEach(arguments::add);
            result = now.interpreter().callInThread(request.path("function").asText(), arguments.toArray());
        } catch (RuntimeException e) {
            reply(request, null, e);
            return;
        }
        result.whenComplete((value, error) -> reply(request, value,
                error instanceof java.util.concurrent.CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : error));
    }

    private void reply(ObjectNode request, JsonNode result, Throwable error) {
        ObjectNode reply = Wire.message("reply").put("id", request.path("id").asLong());
        if (error == null) {
            try {
                WireValues.put(reply, "result", result, handles());
            } catch (RuntimeException notShareable) {
                error = notShareable;
                reply = Wire.message("reply").put("id", request.path("id").asLong());
            }
        }
        if (error != null) {
            reply.set("error", WireErrors.encode(error));
        }
        try {
            wire.send(reply);
        } catch (IOException gone) {
            Runtime.getRuntime().halt(0);
        }
    }

    private JsonNode perform(ObjectNode request) {
        String op = request.path("op").asText();
        if (op.equals("open")) {
            return open(request);
        }
        if (op.equals("stats")) {
            Runtime jvm = Runtime.getRuntime();
            return Wire.NODES.objectNode().put("heapUsed", jvm.totalMemory() - jvm.freeMemory()).put("heapMax", jvm.maxMemory());
        }
        Family now = family;
        if (now == null) {
            throw new IllegalStateException("no interpreter is open in this worker");
        }
        Interpreter interpreter = now.interpreter();
        switch (op) {
            case "exec" -> interpreter.exec(request.path("source").asText(), request.path("name").asText());
            case "execCompiled" -> interpreter.execCompiled(Wire.bytes(request.path("code")), request.path("name").asText(),
                    request.path("text").asText());
            case "prepareMain" -> {
                Map<String, Object> values = new LinkedHashMap<>();
                WireValues.get(request, "values", now.handles()).properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
                interpreter.prepareMain(values);
            }
            case "getMainAttr" -> {
                return interpreter.getMainAttr(request.path("name").asText());
            }
            case "close" -> {
                family = null;
                try {
                    now.runtime().close();
                } finally {
                    input.clear();
                }
            }
            default -> throw new IllegalArgumentException("a worker has no operation " + op);
        }
        return Wire.NODES.nullNode();
    }

    private JsonNode open(ObjectNode request) {
        if (family != null) {
            throw new IllegalStateException("this worker already serves an interpreter");
        }
        SandboxPolicy policy = PolicyLoader.parse(request.path("policyName").asText(), request.path("policy").asText());
        JsonNode hostNode = request.path("host");
        Map<String, String> variables = new LinkedHashMap<>();
        hostNode.path("variables").properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
        List<Path> hidden = new ArrayList<>();
        hostNode.path("hidden").forEach(path -> hidden.add(Path.of(path.asText())));
        HostEnvironment host = new HostEnvironment(Path.of(hostNode.path("workingDirectory").asText()), variables, hidden);
        Engine engine = engineFor(policy);
        JsonNode config = request.path("config");
        Interpreters runtime = WorkerRuntimes.get().runtime(policy, engine, host, request.path("interpreterId").asInt());
        RemoteHandles handles = new RemoteHandles(wire);
        try {
            Interpreter.Builder builder = runtime.newInterpreter(Language.fromName(config.path("language").asText()))
                    .stdout(new Output(1)).stderr(new Output(2)).stdin(new Input());
            if (request.path("interpreterId").asInt() == Interpreters.MAIN_ID) {
                builder.asMain();   // only the host's main interpreter has id 0: the family's guests see it as main too
            }
            List<String> arguments = new ArrayList<>();
            config.path("arguments").forEach(argument -> arguments.add(argument.asText()));
            builder.arguments(arguments.toArray(String[]::new));
            if (config.hasNonNull("timeLimitMillis")) {
                builder.timeLimit(Duration.ofMillis(config.path("timeLimitMillis").asLong()));
            }
            if (config.hasNonNull("scriptDirectory")) {
                builder.scriptDirectory(Path.of(config.path("scriptDirectory").asText()));
            }
            config.path("packages").forEach(dir -> builder.packages(Path.of(dir.asText())));
            if (config.hasNonNull("hostFunctionsName")) {
                Map<String, HostFunction> functions = new LinkedHashMap<>();
                config.path("hostFunctions").forEach(name -> functions.put(name.asText(), argument -> callHost(name.asText(), argument)));
                builder.hostFunctions(config.path("hostFunctionsName").asText(), functions);
            }
            family = new Family(runtime, builder.create(), handles);
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
        return Wire.NODES.nullNode();
    }

    /** A host function call: the function itself stays in the supervisor, so the call crosses there and back. */
    private JsonNode callHost(String function, JsonNode argument) throws Exception {
        long callId = nextHostCall.getAndIncrement();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        hostCalls.put(callId, result);
        ObjectNode call = Wire.message("hostCall").put("callId", callId).put("function", function);
        WireValues.put(call, "argument", argument, handles());
        wire.send(call);
        try {
            return result.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        } finally {
            hostCalls.remove(callId);
        }
    }

    /** The guest's stdout or stderr, sent to the supervisor as it is written. */
    private final class Output extends OutputStream {
        private final int fd;

        Output(int fd) {
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > 0) {
                ObjectNode out = Wire.message("out").put("fd", fd);
                out.put("data", java.util.Arrays.copyOfRange(bytes, offset, offset + length));
                wire.send(out);
            }
        }
    }

    /** The guest's stdin: each read the buffer cannot serve asks the supervisor for more. */
    private final class Input extends InputStream {
        private byte[] buffer = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public synchronized int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position == buffer.length) {
                if (ended) {
                    return -1;
                }
                wire.send(Wire.message("stdinWant").put("max", Math.min(length, 64 * 1024)));
                try {
                    buffer = input.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading standard input");
                }
                position = 0;
                if (buffer.length == 0) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(length, buffer.length - position);
            System.arraycopy(buffer, position, bytes, offset, n);
            position += n;
            return n;
        }
    }
}
