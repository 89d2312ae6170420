package dev.subinterp.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.channel.Queue;
import dev.subinterp.channel.RecvChannel;
import dev.subinterp.channel.SendChannel;
import dev.subinterp.internal.channel.ChannelMaker;
import dev.subinterp.internal.engine.GuestProtocol.Operation;
import dev.subinterp.internal.engine.GuestProtocol.Status;
import dev.subinterp.internal.engine.GuestProtocol.Target;
import dev.subinterp.internal.engine.HandleOperations;
import dev.subinterp.value.JsonPath;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.SharedHandle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The supervisor's side of the queues and channels a process-isolated interpreter was handed: they stay
 * in this JVM, and the worker's guests use them by sending each operation here ({@code handleOp}), where
 * it runs on the real handle. A worker reaches only the handles that were sent to it.
 *
 * <p>Nothing is lost when a worker dies: an item taken for it ({@code get}, {@code recv}) is held until
 * the worker confirms it reached the guest ({@code handleAck}), and goes back first in line if the
 * worker ends first or says the guest no longer waited for it. A wait the guest gave up
 * ({@code handleCancel}) is interrupted here too.
 */
final class HandleServer implements WireValues.Handles {
    private final WorkerProcess worker;
    private final Map<String, SharedHandle> given = new ConcurrentHashMap<>();
    private final Map<Long, Thread> running = new ConcurrentHashMap<>();
    private final Map<Long, Taken> unconfirmed = new HashMap<>();   // guarded by this
    private boolean ended;                                          // guarded by this

    /** An item handed out for a worker and not yet confirmed received. */
    private record Taken(SharedHandle from, JsonNode item) {
    }

    HandleServer(WorkerProcess worker) {
        this.worker = worker;
    }

    @Override
    public ObjectNode reference(SharedHandle handle, JsonPath where) {
        ObjectNode reference = Wire.NODES.objectNode();
        switch (handle) {
            case Queue queue -> reference.put("kind", Target.QUEUE.name()).put("maxsize", queue.maxsize());
            case RecvChannel recv -> reference.put("kind", Target.RECV_CHANNEL.name());
            case SendChannel send -> reference.put("kind", Target.SEND_CHANNEL.name());
            default -> throw new NotShareableError(where.toString(), handle.getClass().getSimpleName(),
                    "only queues and channel ends cross into a worker process");
        }
        reference.put("id", handle.id());
        given.put(key(reference), handle);
        return reference;
    }

    @Override
    public SharedHandle resolve(JsonNode reference) {
        SharedHandle handle = given.get(key(reference));
        if (handle == null) {
            throw new NotShareableError(JsonPath.root().toString(), reference.path("kind").asText().toLowerCase(Locale.ROOT),
                    "the worker process named a queue or channel it was never handed (id " + reference.path("id").asLong() + ")");
        }
        return handle;
    }

    private static String key(JsonNode reference) {
        return reference.path("kind").asText() + ":" + reference.path("id").asLong();
    }

    /** Runs the operation a worker's guest asked for: one that may wait on a thread of its own, others at once. */
    void serve(ObjectNode request) {
        long callId = request.path("callId").asLong();
        Runnable operation = () -> answer(callId, request);
        if (request.path("blocks").asBoolean()) {
            Thread thread = Thread.ofVirtual().name("worker-handle-op-" + callId).unstarted(operation);
            running.put(callId, thread);   // before it starts, so that a cancel read next finds it
            thread.start();
        } else {
            operation.run();
        }
    }

    /** The guest no longer waits for {@code callId}: its wait here is interrupted. */
    void cancel(long callId) {
        Thread thread = running.get(callId);
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The worker says whether the item taken for {@code callId} reached its guest; if not, it goes back. */
    void confirm(long callId, boolean received) {
        Taken taken;
        synchronized (this) {
            taken = unconfirmed.remove(callId);
        }
        if (taken != null && !received) {
            ChannelMaker.get().giveBack(taken.from(), taken.item());
        }
    }

    /** The worker ended or its family closed: waits here end and items not confirmed go back. Idempotent. */
    void end() {
        List<Taken> back;
        synchronized (this) {
            ended = true;
            back = new ArrayList<>(unconfirmed.values());
            unconfirmed.clear();
        }
        running.values().forEach(Thread::interrupt);
        back.forEach(taken -> ChannelMaker.get().giveBack(taken.from(), taken.item()));
    }

    private void answer(long callId, ObjectNode request) {
        ObjectNode reply = Wire.message("handleReply").put("callId", callId);
        try {
            SharedHandle handle = resolve(request.path("handle"));
            Operation operation = Operation.valueOf(request.path("operation").asText());
            List<JsonNode> arguments = new ArrayList<>();
            WireValues.get(request, "args", this).forEach(arguments::add);
            JsonNode result = HandleOperations.perform(handle, operation, arguments);
            if (result != null && takes(operation)) {
                if (!holdUntilConfirmed(callId, handle, result)) {
                    return;   // the worker has ended: the item is back where it was
                }
                reply.put("confirm", true);
            }
            reply.put("status", Status.OK.name());
            WireValues.put(reply, "result", result == null ? Wire.NODES.nullNode() : result, this);
        } catch (InterruptedException e) {
            reply.put("status", Status.INTERRUPTED.name()).put("message", "interrupted while waiting");
        } catch (RuntimeException e) {
            Status status = HandleOperations.statusOf(e, request.path("handle").path("kind").asText().equals(Target.QUEUE.name()));
            reply.put("status", (status != null ? status : Status.INTERP_ERROR).name()).put("message", String.valueOf(e.getMessage()));
        } finally {
            running.remove(callId);
        }
        worker.tell(reply);
    }

    /** Whether {@code operation} takes an item out of its handle. */
    private static boolean takes(Operation operation) {
        return operation == Operation.GET || operation == Operation.RECV || operation == Operation.RECV_NOWAIT;
    }

    private synchronized boolean holdUntilConfirmed(long callId, SharedHandle from, JsonNode item) {
        if (ended) {
            ChannelMaker.get().giveBack(from, item);
            return false;
        }
        unconfirmed.put(callId, new Taken(from, item));
        return true;
    }
}
