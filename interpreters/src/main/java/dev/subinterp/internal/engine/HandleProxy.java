package dev.subinterp.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.subinterp.channel.Queue;
import dev.subinterp.channel.RecvChannel;
import dev.subinterp.channel.SendChannel;
import dev.subinterp.value.SharedHandle;
import dev.subinterp.internal.engine.GuestProtocol.Operation;
import dev.subinterp.internal.engine.GuestProtocol.Status;
import dev.subinterp.internal.engine.GuestProtocol.Target;
import dev.subinterp.internal.engine.GuestProtocol.WrongArgument;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.util.ArrayList;
import java.util.List;

/**
 * What a guest holds of a queue or channel end: one function, {@code handle(operation, args...)},
 * wrapped by a class of the guest's own language (see the helpers' handles.py and handles.js). It
 * answers {@code [status, value]} instead of throwing, so that each language raises its own exceptions:
 * status is {@link Status#OK} or names the error (see {@link GuestProtocol}).
 *
 * <p>Values are converted once, at this door, by the bridge of the interpreter the proxy was made for.
 */
public final class HandleProxy implements ProxyExecutable {
    public final SharedHandle handle;
    private final GuestBridge bridge;
    private final HostWaits waits;
    /** Whose operations this handle takes: a queue's, or those of one end of a channel; null for none. */
    private final Target target;

    public HandleProxy(SharedHandle handle, GuestBridge bridge, HostWaits waits) {
        this.handle = handle;
        this.bridge = bridge;
        this.waits = waits;
        this.target = switch (handle) {
            case Queue queue -> Target.QUEUE;
            case RecvChannel recv -> Target.RECV_CHANNEL;
            case SendChannel send -> Target.SEND_CHANNEL;
            case ForwardedHandle forwarded -> forwarded.kind();
            default -> null;   // no guest class wraps it (GuestBridge refuses it): it takes no operation
        };
    }

    @Override
    public Object execute(Value... args) {
        Operation operation = Operation.of(args);
        if (operation == null && (args.length == 0 || !args[0].isString())) {
            return Status.TYPE_ERROR.answer("a handle takes an operation name first");
        }
        try {
            if (operation == null || !takes(operation)) {
                throw new WrongArgument(kinds() + " have no operation " + args[0].asString());
            }
            operation.check(target.displayName(), args);
            List<JsonNode> arguments = arguments(operation, args);
            JsonNode result = HandleOperations.blocks(operation, arguments)
                    ? waits.await(() -> HandleOperations.perform(handle, operation, arguments))
                    : HandleOperations.perform(handle, operation, arguments);
            return Status.OK.answer(result == null ? null : bridge.toGuest(result));
        } catch (InterruptedException e) {
            return Status.INTERRUPTED.answer("interrupted while waiting on " + handle);
        } catch (RuntimeException e) {
            Status status = HandleOperations.statusOf(e, target == Target.QUEUE);
            if (status == null) {
                throw e;
            }
            return status.answer(e.getMessage());
        }
    }

    private boolean takes(Operation operation) {
        return target != null && (operation.target() == target
                || operation.target() == Target.CHANNEL && (target == Target.RECV_CHANNEL || target == Target.SEND_CHANNEL));
    }

    /** What messages call handles of this kind. */
    private String kinds() {
        return target == Target.QUEUE ? "queues" : target == Target.RECV_CHANNEL ? "receiving channels" : "sending channels";
    }

    /**
     * The guest's arguments (checked to be as many as {@code operation} takes) as JSON, checked by what
     * each parameter must be: the object to send, a block flag, a timeout (not read when block is false).
     */
    private List<JsonNode> arguments(Operation operation, Value[] args) {
        List<JsonNode> arguments = new ArrayList<>(args.length - 1);
        boolean block = true;
        for (int i = 1; i < args.length; i++) {
            arguments.add(switch (operation.parameters().get(i - 1)) {
                case "obj" -> operation == Operation.SEND_BUFFER || operation == Operation.SEND_BUFFER_NOWAIT
                        ? buffer(args[i]) : bridge.toHost(args[i]);
                case "block" -> {
                    block = flag(operation, args, i);
                    yield BooleanNode.valueOf(block);
                }
                case "timeout" -> block ? timeout(args[i]) : NullNode.getInstance();
                default -> throw new IllegalStateException(operation + " has no parameter " + operation.parameters().get(i - 1));
            });
        }
        return arguments;
    }

    /** The boolean argument {@code index} (block). */
    private boolean flag(Operation operation, Value[] args, int index) {
        Value flag = args[index];
        if (!flag.isBoolean()) {
            throw operation.wrong(target.displayName(), index, "a bool", bridge.guestTypeName(flag));
        }
        return flag.asBoolean();
    }

    private JsonNode buffer(Value value) {
        JsonNode bytes = bridge.toHost(value);
        boolean shared = bytes.isPojo() && ((com.fasterxml.jackson.databind.node.POJONode) bytes).getPojo()
                instanceof dev.subinterp.channel.SharedBuffer;
        if (!bytes.isBinary() && !shared) {   // bytes are copied; a shared buffer crosses as itself
            throw new WrongArgument(Operation.SEND_BUFFER.code() + " takes bytes, not " + GuestBridge.typeName(value));
        }
        return bytes;
    }

    /** A timeout in seconds from the guest (a number, or null for none), checked. */
    private static JsonNode timeout(Value seconds) {
        if (seconds == null || seconds.isNull()) {
            return NullNode.getInstance();
        }
        if (!seconds.isNumber()) {
            throw new WrongArgument("a timeout is a number of seconds or None/null, not " + GuestBridge.typeName(seconds));
        }
        double value = seconds.asDouble();
        if (value < 0 || Double.isNaN(value)) {
            throw new WrongArgument("a timeout must not be negative");
        }
        return DoubleNode.valueOf(value);
    }
}
