package dev.subinterp.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.channel.ChannelClosedError;
import dev.subinterp.channel.ChannelEmptyError;
import dev.subinterp.channel.ChannelTimeoutError;
import dev.subinterp.channel.Queue;
import dev.subinterp.channel.QueueEmpty;
import dev.subinterp.channel.QueueFull;
import dev.subinterp.channel.RecvChannel;
import dev.subinterp.channel.SendChannel;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.SharedHandle;
import dev.subinterp.internal.engine.GuestProtocol.Operation;
import dev.subinterp.internal.engine.GuestProtocol.Status;
import dev.subinterp.internal.engine.GuestProtocol.Target;
import dev.subinterp.internal.engine.GuestProtocol.WrongArgument;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.time.Duration;

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
            Object result = switch (handle) {
                case Queue queue -> queue(queue, operation, args);
                case RecvChannel recv -> recv(recv, operation, args);
                case SendChannel send -> send(send, operation, args);
                default -> throw new IllegalStateException("unknown handle " + handle);
            };
            return Status.OK.answer(result);
        } catch (NotShareableError e) {
            return Status.NOT_SHAREABLE.answer(e.getMessage());
        } catch (QueueEmpty e) {
            return Status.QUEUE_EMPTY.answer(e.getMessage());
        } catch (QueueFull e) {
            return Status.QUEUE_FULL.answer(e.getMessage());
        } catch (ChannelEmptyError e) {
            return Status.CHANNEL_EMPTY.answer(e.getMessage());
        } catch (ChannelTimeoutError e) {
            return Status.CHANNEL_TIMEOUT.answer(e.getMessage());
        } catch (ChannelClosedError e) {
            return (handle instanceof Queue ? Status.QUEUE_CLOSED : Status.CHANNEL_CLOSED).answer(e.getMessage());
        } catch (InterruptedException e) {
            return Status.INTERRUPTED.answer("interrupted while waiting on " + handle);
        } catch (WrongArgument e) {
            return Status.TYPE_ERROR.answer(e.getMessage());
        }
    }

    private boolean takes(Operation operation) {
        return target != null && (operation.target() == target
                || operation.target() == Target.CHANNEL && (target == Target.RECV_CHANNEL || target == Target.SEND_CHANNEL));
    }

    /** What messages call handles of this kind. */
    private String kinds() {
        return switch (handle) {
            case Queue queue -> "queues";
            case RecvChannel recv -> "receiving channels";
            default -> "sending channels";
        };
    }

    /** Arguments checked to be as many as {@code operation} takes (by {@link Operation#check}). */
    private Object queue(Queue queue, Operation operation, Value[] args) throws InterruptedException {
        return switch (operation) {
            case PUT -> {
                JsonNode value = bridge.toHost(args[1]);
                if (flag(operation, args, 2)) {
                    Duration timeout = timeout(args[3]);
                    waits.await(() -> {
                        queue.put(value, timeout);
                        return null;
                    });
                } else {
                    queue.putNowait(value);
                }
                yield null;
            }
            case GET -> {
                JsonNode value = flag(operation, args, 1) ? waits.await(() -> queue.get(timeout(args[2]))) : queue.getNowait();
                yield bridge.toGuest(value);
            }
            case EMPTY -> queue.empty();
            case FULL -> queue.full();
            case QSIZE -> queue.qsize();
            default -> throw new IllegalStateException(operation + " is not a queue's");
        };
    }

    private Object recv(RecvChannel recv, Operation operation, Value[] args) throws InterruptedException {
        return switch (operation) {
            case RECV -> bridge.toGuest(waits.await(() -> recv.recv(timeout(args[1]))));
            case RECV_NOWAIT -> bridge.toGuest(recv.recvNowait());
            case CLOSE -> {
                recv.close();
                yield null;
            }
            default -> throw new IllegalStateException(operation + " is not a receiving channel's");
        };
    }

    private Object send(SendChannel send, Operation operation, Value[] args) throws InterruptedException {
        return switch (operation) {
            case SEND, SEND_BUFFER -> {
                JsonNode value = operation == Operation.SEND ? bridge.toHost(args[1]) : buffer(args[1]);
                Duration timeout = timeout(args[2]);
                waits.await(() -> {
                    send.send(value, timeout);
                    return null;
                });
                yield null;
            }
            case SEND_NOWAIT -> {
                send.sendNowait(bridge.toHost(args[1]));
                yield null;
            }
            case SEND_BUFFER_NOWAIT -> {
                send.sendNowait(buffer(args[1]));
                yield null;
            }
            case CLOSE -> {
                send.close();
                yield null;
            }
            default -> throw new IllegalStateException(operation + " is not a sending channel's");
        };
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
        if (!bytes.isBinary()) {
            throw new WrongArgument(Operation.SEND_BUFFER.code() + " takes bytes, not " + GuestBridge.typeName(value));
        }
        return bytes;
    }

    /** A timeout in seconds from the guest, or null for none. */
    private static Duration timeout(Value seconds) {
        if (seconds == null || seconds.isNull()) {
            return null;
        }
        if (!seconds.isNumber()) {
            throw new WrongArgument("a timeout is a number of seconds or None/null, not " + GuestBridge.typeName(seconds));
        }
        double value = seconds.asDouble();
        if (value < 0 || Double.isNaN(value)) {
            throw new WrongArgument("a timeout must not be negative");
        }
        return Duration.ofNanos((long) (value * 1e9));
    }
}
