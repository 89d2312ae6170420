package dev.subinterp.interpreter;

import dev.subinterp.internal.engine.GuestBridge;
import dev.subinterp.internal.engine.GuestProtocol;
import dev.subinterp.internal.engine.GuestProtocol.Operation;
import dev.subinterp.internal.engine.GuestProtocol.Status;
import dev.subinterp.internal.engine.GuestProtocol.Target;
import dev.subinterp.internal.engine.GuestProtocol.WrongArgument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.channel.Channel;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.value.NotShareableError;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The host behind one interpreter's {@code interpreters} module (PEP 734): a single function,
 * {@code bridge(operation, args...)}, that answers {@code [status, value]} (see {@link GuestProtocol})
 * so that the guest module raises its own exceptions. It takes the operations of {@link Target#MODULE},
 * accepts only shareable values and can do only what the module offers. Each interpreter gets its own,
 * bound to it: "current" means that interpreter.
 */
final class GuestModule implements ProxyExecutable {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** How messages name the module: {@code interpreters.exec: argument 2 (code) must be ...}. */
    private static final String MODULE = Target.MODULE.displayName();

    private final Interpreter self;
    private final Interpreters runtime;
    private final GuestBridge bridge;   // self's: the module runs on self's threads

    GuestModule(Interpreter self, Interpreters runtime, GuestBridge bridge) {
        this.self = self;
        this.runtime = runtime;
        this.bridge = bridge;
    }

    @Override
    public Object execute(Value... args) {
        Operation operation = Operation.of(args);
        if (operation == null || operation.target() != Target.MODULE) {
            return Status.INTERP_ERROR.answer(args.length == 0 || !args[0].isString()
                    ? "the interpreters module's bridge takes an operation name first"
                    : "the interpreters module has no operation " + args[0].asString());
        }
        try {
            operation.check(MODULE, args);
            return Status.OK.answer(self.waitingOnAnother(() -> run(bridge, operation, args)));
        } catch (NotFound e) {
            return Status.NOT_FOUND.answer(e.getMessage());
        } catch (ExecutionFailed e) {
            return Status.EXEC_FAILED.answer(bridge.toGuest(excInfo(e.excInfo())));
        } catch (NotShareableError e) {
            return Status.NOT_SHAREABLE.answer(e.getMessage());
        } catch (PolicyException | InterpreterError | NoSuchElementException | IllegalArgumentException | WrongArgument e) {
            return Status.INTERP_ERROR.answer(e.getMessage());
        }
    }

    /** {@code args}: the operation and as many arguments as it takes (checked by {@link Operation#check}). */
    private Object run(GuestBridge bridge, Operation operation, Value[] args) {
        return switch (operation) {
            case CREATE -> describe(bridge, self.childOptions(language(bridge, operation, args[1])).create());
            case LIST_ALL -> {
                ArrayNode all = NODES.arrayNode();
                if (isHost(Interpreters.MAIN_ID)) {
                    all.add(hostInfo());
                }
                runtime.listAll().forEach(i -> all.add(info(i)));
                yield bridge.toGuest(all);
            }
            case GET_CURRENT -> describe(bridge, self);
            case INFO -> {
                int id = id(bridge, operation, args);
                yield bridge.toGuest(isHost(id) ? hostInfo() : info(target(id)));
            }
            case IS_RUNNING -> {
                int id = id(bridge, operation, args);
                yield isHost(id) || id == self.id() || target(id).isRunning();
            }
            case DESTROY -> {
                close(id(bridge, operation, args));
                yield null;
            }
            case PREPARE_MAIN -> {
                Interpreter target = runnable(id(bridge, operation, args));
                Map<String, JsonNode> values = new LinkedHashMap<>();
                bridge.entriesToHost(args[2]).properties().forEach(e -> values.put(e.getKey(), e.getValue()));
                target.prepareMain(values);
                yield null;
            }
            case EXEC -> {
                Interpreter target = runnable(id(bridge, operation, args));
                Value code = args[2];
                if (code.isString()) {
                    target.execFromGuest(TextNode.valueOf(code.asString()));
                } else {
                    // A function, or code object, crosses as its compiled code: bytes.
                    byte[] compiled = bridge.bytesToHost(code);
                    if (compiled == null) {
                        throw operation.wrong(MODULE, 2, "a string or a function", bridge.guestTypeName(code));
                    }
                    target.execFromGuest(BinaryNode.valueOf(compiled));
                }
                yield null;
            }
            case CALL -> {
                Interpreter target = runnable(id(bridge, operation, args));
                yield bridge.toGuest(target.callFromGuest(callable(operation, args), bridge.itemsToHost(args[3]), bridge.entriesToHost(args[4])));
            }
            case CALL_IN_THREAD -> {
                Interpreter target = runnable(id(bridge, operation, args));
                JsonNode callable = callable(operation, args);
                JsonNode positional = bridge.itemsToHost(args[3]);
                JsonNode keywords = bridge.entriesToHost(args[4]);
                CompletableFuture<JsonNode> call = new CompletableFuture<>();
                long number = nextCallInThread.getAndIncrement();
                callsInThread.put(number, call);
                Thread.ofPlatform().daemon(true).name("interpreter-" + self.id() + "-call-in-thread").start(() -> {
                    try {
                        call.complete(target.callFromGuest(callable, positional, keywords));
                    } catch (RuntimeException | Error e) {
                        call.completeExceptionally(e);
                    }
                });
                yield number;
            }
            case JOIN_CALL -> bridge.toGuest(joinCall(callNumber(bridge, operation, args)));
            case CALL_DONE -> callInThread(callNumber(bridge, operation, args)).isDone();
            case CREATE_QUEUE -> bridge.toGuest(NODES.pojoNode(runtime.createQueue(int32(bridge, operation, args, 1, "a queue size"))));
            case CREATE_CHANNEL -> bridge.toGuest(ends(runtime.createChannel()));
            case QUEUE_BY_ID -> {
                long id = handleId(bridge, operation, args);
                yield bridge.toGuest(NODES.pojoNode(runtime.findQueue(id).orElseThrow(() -> new NotFound("queue " + id + " not found"))));
            }
            case CHANNEL_BY_ID -> {
                long id = handleId(bridge, operation, args);
                yield bridge.toGuest(ends(runtime.findChannel(id).orElseThrow(() -> new NotFound("channel " + id + " not found"))));
            }
            case LIST_CHANNELS -> {
                ArrayNode all = NODES.arrayNode();
                runtime.listChannels().forEach(channel -> all.add(ends(channel)));
                yield bridge.toGuest(all);
            }
            case IS_SHAREABLE -> {
                try {
                    bridge.toHost(args[1]);
                    yield true;
                } catch (NotShareableError e) {
                    yield false;
                }
            }
            default -> throw new IllegalArgumentException("the interpreters module has no operation " + operation.code());
        };
    }

    /** A channel as the guest gets it: [its receive end, its send end], as CPython's {@code channels.create()} returns them. */
    private static ArrayNode ends(Channel channel) {
        return NODES.arrayNode().add(NODES.pojoNode(channel.recvEnd())).add(NODES.pojoNode(channel.sendEnd()));
    }

    /** What a call runs: the name of a function in the target's {@code __main__}, or a function crossing as its code (a map). */
    private JsonNode callable(Operation operation, Value[] args) {
        if (!args[2].isString() && !bridge.isMap(args[2])) {
            throw operation.wrong(MODULE, 2, "the name of a function or a function", bridge.guestTypeName(args[2]));
        }
        return bridge.toHost(args[2]);
    }

    private final Map<Long, CompletableFuture<JsonNode>> callsInThread = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextCallInThread = new java.util.concurrent.atomic.AtomicLong(1);

    private CompletableFuture<JsonNode> callInThread(long number) {
        CompletableFuture<JsonNode> call = callsInThread.get(number);
        if (call == null) {
            throw new InterpreterError("no call " + number + " in a thread (joined already?)");
        }
        return call;
    }

    /**
     * Waits for a call in a thread, where a time limit or close can wake this guest thread; its result,
     * or its error. A call that ended is forgotten: its handle keeps what it gave.
     */
    private JsonNode joinCall(long number) {
        CompletableFuture<JsonNode> call = callInThread(number);
        try {
            bridge.waits.await(() -> {
                try {
                    return call.get();
                } catch (ExecutionException failed) {
                    return null;   // read below
                }
            });
        } catch (InterruptedException e) {
            throw new InterpreterError("interrupted while joining a call in a thread");
        }
        callsInThread.remove(number);
        if (call.state() == java.util.concurrent.Future.State.FAILED) {
            if (call.exceptionNow() instanceof RuntimeException failure) {
                throw failure;   // ExecutionFailed and the like, answered as for call()
            }
            throw new InterpreterError(String.valueOf(call.exceptionNow()));
        }
        return call.resultNow();
    }

    private static long handleId(GuestBridge bridge, Operation operation, Value[] args) {
        return longArgument(bridge, operation, args, "an id (an int)");
    }

    private static long callNumber(GuestBridge bridge, Operation operation, Value[] args) {
        return longArgument(bridge, operation, args, "a call number");
    }

    /** Argument 1, a whole number ({@code what}: what it is, for the message). */
    private static long longArgument(GuestBridge bridge, Operation operation, Value[] args, String what) {
        if (!args[1].isNumber() || !args[1].fitsInLong()) {
            throw operation.wrong(MODULE, 1, what, bridge.guestTypeName(args[1]));
        }
        return args[1].asLong();
    }

    /** The language argument of {@code create}: a name, or none for this interpreter's own. */
    private Language language(GuestBridge bridge, Operation operation, Value language) {
        if (language.isNull()) {
            return self.language();
        }
        if (!language.isString()) {
            throw operation.wrong(MODULE, 1, "a string or " + bridge.noneName(), bridge.guestTypeName(language));
        }
        return Language.fromName(language.asString());
    }

    private void close(int id) {
        if (isHost(id)) {
            throw new InterpreterError("the main interpreter is the host: it cannot be closed from a guest");
        }
        if (id == Interpreters.MAIN_ID) {
            throw new InterpreterError("the main interpreter cannot be closed");
        }
        if (id == self.id()) {
            throw new InterpreterError("interpreter " + id + " cannot close itself while it is running");
        }
        Interpreter target = sameFamily(target(id));
        if (target.isRunning()) {
            throw new InterpreterError("interpreter " + id + " is still running");
        }
        target.close();
    }

    /** The interpreter {@code id}, if it can take a call now: as in CPython, a running one refuses. */
    private Interpreter runnable(int id) {
        if (isHost(id)) {
            throw new InterpreterError("the main interpreter is the Java host: it runs no guest code");
        }
        if (id == self.id()) {
            return self;
        }
        Interpreter target = sameFamily(target(id));
        if (target.isBusy()) {
            throw new InterpreterError("interpreter " + id + " is already running");
        }
        return target;
    }

    /**
     * A guest may run code in, or close, only interpreters of its own family: the host-created
     * interpreter it descends from and everything created under it. Like CPython's module (which
     * refuses interpreters it did not create), it cannot touch what the host made for others (pool
     * workers, other tenants' interpreters and their children).
     */
    private Interpreter sameFamily(Interpreter target) {
        if (target.family() != self.family()) {
            throw new InterpreterError("interpreter " + target.id() + " belongs to another family of interpreters: a guest"
                    + " may run code in or close only the interpreter it descends from and the ones created under it");
        }
        return target;
    }

    private Interpreter target(int id) {
        return runtime.get(id).orElseThrow(() -> new NotFound("interpreter " + id + " does not exist (or was closed)"));
    }

    /** The interpreter id every operation that takes one takes first. */
    private static int id(GuestBridge bridge, Operation operation, Value[] args) {
        return int32(bridge, operation, args, 1, "an interpreter id");
    }

    /** Argument {@code index}, an int that fits in 32 bits ({@code what}: what it is, for the message). */
    private static int int32(GuestBridge bridge, Operation operation, Value[] args, int index, String what) {
        Value value = args[index];
        if (value.isNumber() && value.fitsInInt()) {
            return value.asInt();
        }
        if (value.isNumber() && (value.fitsInLong() || value.fitsInBigInteger())) {
            throw operation.outOfRange(MODULE, index, what + " (an int of 32 bits)", value);
        }
        throw operation.wrong(MODULE, index, "an int", bridge.guestTypeName(value));
    }

    private Value describe(GuestBridge bridge, Interpreter interpreter) {
        return bridge.toGuest(info(interpreter));
    }

    private static JsonNode info(Interpreter interpreter) {
        return NODES.arrayNode().add(interpreter.id()).add(interpreter.whence()).add(interpreter.language().id());
    }

    /** Whether {@code id} names the Java host: the main interpreter when no guest interpreter is (see {@code asMain}). */
    private boolean isHost(int id) {
        return id == Interpreters.MAIN_ID && !runtime.hasGuestMain();
    }

    private static JsonNode hostInfo() {
        return NODES.arrayNode().add(Interpreters.MAIN_ID).add(Interpreter.WHENCE_MAIN).add("java");
    }

    /** PEP 734's excinfo: a type snapshot, msg, formatted, errdisplay (plus where it was raised). */
    static JsonNode excInfo(ExcInfo info) {
        ObjectNode result = NODES.objectNode();
        ObjectNode type = result.putObject("type");
        type.put("__name__", info.type());
        type.put("__qualname__", info.typeQualname());
        type.put("__module__", info.typeModule());
        result.put("msg", info.message());
        result.put("formatted", info.formatted());
        result.put("errdisplay", info.traceback());
        result.put("filename", info.sourceName());
        result.put("lineno", info.line());
        return result;
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
