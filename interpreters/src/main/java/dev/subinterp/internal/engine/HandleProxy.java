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
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.time.Duration;

/**
 * What a guest holds of a queue or channel end: one function, {@code handle(operation, args...)},
 * wrapped by a class of the guest's own language (see the helper scripts). It answers
 * {@code [status, value]} instead of throwing, so that each language raises its own exceptions:
 * status is {@code ok} or the name of an error.
 *
 * <p>Values are converted once, at this door, by the bridge of the interpreter the proxy was made for.
 */
public final class HandleProxy implements ProxyExecutable {
    public final SharedHandle handle;
    private final GuestBridge bridge;
    private final HostWaits waits;

    public HandleProxy(SharedHandle handle, GuestBridge bridge, HostWaits waits) {
        this.handle = handle;
        this.bridge = bridge;
        this.waits = waits;
    }

    @Override
    public Object execute(Value... args) {
        if (args.length == 0 || !args[0].isString()) {
            return answer("type_error", "a handle takes an operation name first");
        }
        String operation = args[0].asString();
        try {
            Object result = switch (handle) {
                case Queue queue -> queue(queue, operation, args);
                case RecvChannel recv -> recv(recv, operation, args);
                case SendChannel send -> send(send, operation, args);
                default -> throw new IllegalStateException("unknown handle " + handle);
            };
            return answer("ok", result);
        } catch (NotShareableError e) {
            return answer("not_shareable", e.getMessage());
        } catch (QueueEmpty e) {
            return answer("queue_empty", e.getMessage());
        } catch (QueueFull e) {
            return answer("queue_full", e.getMessage());
        } catch (ChannelEmptyError e) {
            return answer("channel_empty", e.getMessage());
        } catch (ChannelTimeoutError e) {
            return answer("channel_timeout", e.getMessage());
        } catch (ChannelClosedError e) {
            return answer(handle instanceof Queue ? "queue_closed" : "channel_closed", e.getMessage());
        } catch (InterruptedException e) {
            return answer("interrupted", "interrupted while waiting on " + handle);
        } catch (WrongArgument e) {
            return answer("type_error", e.getMessage());
        } catch (ArrayIndexOutOfBoundsException | ClassCastException | ArithmeticException | UnsupportedOperationException e) {
            // A guest calling the raw handle with arguments the wrappers never pass.
            return answer("type_error", "wrong arguments for " + operation);
        }
    }

    private Object queue(Queue queue, String operation, Value[] args) throws InterruptedException {
        return switch (operation) {
            case "put" -> {
                JsonNode value = bridge.toHost(args[1]);
                if (args[2].asBoolean()) {
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
            case "get" -> {
                JsonNode value = args[1].asBoolean() ? waits.await(() -> queue.get(timeout(args[2]))) : queue.getNowait();
                yield bridge.toGuest(value);
            }
            case "empty" -> queue.empty();
            case "full" -> queue.full();
            case "qsize" -> queue.qsize();
            default -> throw new WrongArgument("queues have no operation " + operation);
        };
    }

    private Object recv(RecvChannel recv, String operation, Value[] args) throws InterruptedException {
        return switch (operation) {
            case "recv" -> bridge.toGuest(waits.await(() -> recv.recv(timeout(args[1]))));
            case "recv_nowait" -> bridge.toGuest(recv.recvNowait());
            case "close" -> {
                recv.close();
                yield null;
            }
            default -> throw new WrongArgument("receiving channels have no operation " + operation);
        };
    }

    private Object send(SendChannel send, String operation, Value[] args) throws InterruptedException {
        return switch (operation) {
            case "send", "send_buffer" -> {
                JsonNode value = operation.equals("send") ? bridge.toHost(args[1]) : buffer(args[1]);
                Duration timeout = timeout(args[2]);
                waits.await(() -> {
                    send.send(value, timeout);
                    return null;
                });
                yield null;
            }
            case "send_nowait" -> {
                send.sendNowait(bridge.toHost(args[1]));
                yield null;
            }
            case "send_buffer_nowait" -> {
                send.sendNowait(buffer(args[1]));
                yield null;
            }
            case "close" -> {
                send.close();
                yield null;
            }
            default -> throw new WrongArgument("sending channels have no operation " + operation);
        };
    }

    private JsonNode buffer(Value value) {
        JsonNode bytes = bridge.toHost(value);
        if (!bytes.isBinary()) {
            throw new WrongArgument("send_buffer takes bytes, not " + GuestBridge.typeName(value));
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

    private static ProxyArray answer(String status, Object value) {
        return ProxyArray.fromArray(status, value);
    }

    private static final class WrongArgument extends RuntimeException {
        WrongArgument(String message) {
            super(message);
        }
    }
}
