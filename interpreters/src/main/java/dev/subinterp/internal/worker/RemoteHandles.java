package dev.subinterp.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.internal.engine.ForwardedHandle;
import dev.subinterp.internal.engine.GuestProtocol.Operation;
import dev.subinterp.internal.engine.GuestProtocol.Status;
import dev.subinterp.internal.engine.GuestProtocol.Target;
import dev.subinterp.internal.engine.HandleFailure;
import dev.subinterp.internal.engine.HandleOperations;
import dev.subinterp.value.JsonPath;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.SharedHandle;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's side of the supervisor's queues and channels (see {@link HandleServer}): the family's
 * guests hold them as {@link Remote} handles, one per queue or channel end, whose operations cross the
 * socket. A handle the family made itself stays in this worker and cannot leave it.
 */
final class RemoteHandles implements WireValues.Handles {
    private final Wire wire;
    private final Map<String, Remote> known = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<ObjectNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong nextCall = new AtomicLong(1);

    RemoteHandles(Wire wire) {
        this.wire = wire;
    }

    @Override
    public ObjectNode reference(SharedHandle handle, JsonPath where) {
        if (!(handle instanceof Remote remote)) {
            throw new NotShareableError(where.toString(), handle.getClass().getSimpleName(),
                    "a queue or channel made inside a process-isolated interpreter stays in its worker process;"
                            + " make it with the host's runtime (Interpreters.createQueue or createChannel) to share it with the host");
        }
        return Wire.NODES.objectNode().put("kind", remote.kind.name()).put("id", remote.id).put("maxsize", remote.maxsize);
    }

    @Override
    public SharedHandle resolve(JsonNode reference) {
        Target kind = Target.valueOf(reference.path("kind").asText());
        long id = reference.path("id").asLong();
        return known.computeIfAbsent(kind + ":" + id, key -> new Remote(kind, id, reference.path("maxsize").asInt()));
    }

    /**
     * The supervisor answered an operation. An item taken for a guest that still waits is confirmed;
     * one whose guest gave up waiting is sent back. Called on the worker's reader thread.
     */
    void replied(ObjectNode reply) throws IOException {
        long callId = reply.path("callId").asLong();
        CompletableFuture<ObjectNode> call = waiting.remove(callId);
        boolean delivered = call != null && call.complete(reply);
        if (reply.path("confirm").asBoolean()) {
            wire.send(Wire.message("handleConfirm").put("callId", callId).put("received", delivered));
        }
    }

    /** Sends {@code operation} to the supervisor and waits for its answer; an interrupt cancels it there. */
    private JsonNode perform(Remote handle, Operation operation, List<JsonNode> arguments) throws InterruptedException {
        long callId = nextCall.getAndIncrement();
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        waiting.put(callId, answer);
        ObjectNode request = Wire.message("handleOp").put("callId", callId).put("operation", operation.name())
                .put("blocks", HandleOperations.blocks(operation, arguments));
        request.set("handle", reference(handle, JsonPath.root()));
        WireValues.put(request, "args", Wire.NODES.arrayNode().addAll(arguments), this);
        try {
            wire.send(request);
        } catch (IOException gone) {
            waiting.remove(callId);
            throw new HandleFailure(Status.INTERP_ERROR, "the host's " + handle + " cannot be reached: " + gone.getMessage());
        }
        ObjectNode reply;
        try {
            reply = answer.get();
        } catch (InterruptedException e) {
            if (answer.cancel(false)) {
                waiting.remove(callId);
                tellQuietly(Wire.message("handleCancel").put("callId", callId));
                throw e;
            }
            reply = answer.join();   // it arrived as the wait ended: the guest gets it, and keeps the interrupt
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            throw new IllegalStateException(e);
        }
        Status status = Status.valueOf(reply.path("status").asText());
        if (status != Status.OK) {
            throw new HandleFailure(status, reply.path("message").asText());
        }
        JsonNode result = WireValues.get(reply, "result", this);
        return result.isNull() ? null : result;
    }

    private void tellQuietly(ObjectNode message) {
        try {
            wire.send(message);
        } catch (IOException gone) {
            // The supervisor has gone; this worker ends with it.
        }
    }

    /** A queue or channel end of the supervisor's runtime, as the family's guests hold it. */
    private final class Remote implements ForwardedHandle {
        private final Target kind;
        private final long id;
        private final int maxsize;

        Remote(Target kind, long id, int maxsize) {
            this.kind = kind;
            this.id = id;
            this.maxsize = maxsize;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public Target kind() {
            return kind;
        }

        @Override
        public int maxsize() {
            return maxsize;
        }

        @Override
        public JsonNode perform(Operation operation, List<JsonNode> arguments) throws InterruptedException {
            return RemoteHandles.this.perform(this, operation, arguments);
        }

        @Override
        public String toString() {
            return kind.displayName() + "[id=" + id + ", in the host]";
        }
    }
}
