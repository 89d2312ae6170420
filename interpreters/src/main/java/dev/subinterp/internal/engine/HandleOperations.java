package dev.subinterp.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.subinterp.channel.ChannelClosedError;
import dev.subinterp.channel.ChannelEmptyError;
import dev.subinterp.channel.ChannelTimeoutError;
import dev.subinterp.channel.Queue;
import dev.subinterp.channel.QueueEmpty;
import dev.subinterp.channel.QueueFull;
import dev.subinterp.channel.RecvChannel;
import dev.subinterp.channel.SendChannel;
import dev.subinterp.internal.engine.GuestProtocol.Operation;
import dev.subinterp.internal.engine.GuestProtocol.Status;
import dev.subinterp.internal.engine.GuestProtocol.WrongArgument;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.SharedHandle;

import java.time.Duration;
import java.util.List;

/**
 * What a queue or channel end does for each guest operation, with the operation's arguments already
 * JSON (in the order {@link Operation#parameters()} names them; a timeout is seconds or null). One
 * place for both a guest's own handles ({@link HandleProxy}) and those a worker process's guests reach
 * across its socket, whose operations the supervisor runs here for them.
 */
public final class HandleOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HandleOperations() {
    }

    /** Whether {@code operation} may wait (for an item, for room, for a receiver) with these arguments. */
    public static boolean blocks(Operation operation, List<JsonNode> arguments) {
        return switch (operation) {
            case PUT -> arguments.get(1).asBoolean();
            case GET -> arguments.get(0).asBoolean();
            case RECV, SEND, SEND_BUFFER -> true;
            default -> false;
        };
    }

    /**
     * Runs {@code operation} on {@code handle}; its result as JSON (null for none).
     *
     * @throws RuntimeException the handle's own errors ({@link QueueEmpty}, {@link ChannelClosedError}, ...),
     *                          which {@link #statusOf} names for the guest
     */
    public static JsonNode perform(SharedHandle handle, Operation operation, List<JsonNode> arguments) throws InterruptedException {
        return switch (handle) {
            case Queue queue -> queue(queue, operation, arguments);
            case RecvChannel recv -> recv(recv, operation, arguments);
            case SendChannel send -> send(send, operation, arguments);
            case ForwardedHandle forwarded -> forwarded.perform(operation, arguments);
            default -> throw new IllegalStateException("unknown handle " + handle);
        };
    }

    /**
     * The status a failed operation answers the guest with, or null for an error that is not the
     * handle's (a bug, to be thrown on).
     */
    public static Status statusOf(RuntimeException error, boolean queue) {
        return switch (error) {
            case HandleFailure failure -> failure.status;
            case NotShareableError e -> Status.NOT_SHAREABLE;
            case QueueEmpty e -> Status.QUEUE_EMPTY;
            case QueueFull e -> Status.QUEUE_FULL;
            case ChannelEmptyError e -> Status.CHANNEL_EMPTY;
            case ChannelTimeoutError e -> Status.CHANNEL_TIMEOUT;
            case ChannelClosedError e -> queue ? Status.QUEUE_CLOSED : Status.CHANNEL_CLOSED;
            case WrongArgument e -> Status.TYPE_ERROR;
            default -> null;
        };
    }

    private static JsonNode queue(Queue queue, Operation operation, List<JsonNode> arguments) throws InterruptedException {
        return switch (operation) {
            case PUT -> {
                if (arguments.get(1).asBoolean()) {
                    queue.put(arguments.get(0), timeout(arguments.get(2)));
                } else {
                    queue.putNowait(arguments.get(0));
                }
                yield null;
            }
            case GET -> arguments.get(0).asBoolean() ? queue.get(timeout(arguments.get(1))) : queue.getNowait();
            case EMPTY -> NODES.booleanNode(queue.empty());
            case FULL -> NODES.booleanNode(queue.full());
            case QSIZE -> NODES.numberNode(queue.qsize());
            default -> throw new IllegalStateException(operation + " is not a queue's");
        };
    }

    private static JsonNode recv(RecvChannel recv, Operation operation, List<JsonNode> arguments) throws InterruptedException {
        return switch (operation) {
            case RECV -> recv.recv(timeout(arguments.get(0)));
            case RECV_NOWAIT -> recv.recvNowait();
            case CLOSE -> {
                recv.close();
                yield null;
            }
            case IS_CLOSED -> NODES.booleanNode(recv.isClosed());
            default -> throw new IllegalStateException(operation + " is not a receiving channel's");
        };
    }

    private static JsonNode send(SendChannel send, Operation operation, List<JsonNode> arguments) throws InterruptedException {
        switch (operation) {
            case SEND, SEND_BUFFER -> send.send(arguments.get(0), timeout(arguments.get(1)));
            case SEND_NOWAIT, SEND_BUFFER_NOWAIT -> send.sendNowait(arguments.get(0));
            case CLOSE -> send.close();
            case IS_CLOSED -> {
                return NODES.booleanNode(send.isClosed());
            }
            default -> throw new IllegalStateException(operation + " is not a sending channel's");
        }
        return null;
    }

    /** A timeout in seconds (checked by whoever made the arguments), or null for none. */
    private static Duration timeout(JsonNode seconds) {
        return seconds == null || seconds.isNull() ? null : Duration.ofNanos((long) (seconds.asDouble() * 1e9));
    }
}
