package dev.subinterp.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.internal.engine.GuestProtocol.Operation;
import dev.subinterp.internal.engine.GuestProtocol.Target;
import dev.subinterp.value.SharedHandle;

import java.util.List;

/**
 * A queue or channel end that lives in another JVM (a worker's guests hold those of the supervisor's
 * runtime): each operation is forwarded there and its answer awaited. Guests see it as the same
 * {@code Queue}, {@code RecvChannel} or {@code SendChannel} as a handle of their own runtime.
 */
public interface ForwardedHandle extends SharedHandle {
    /** Which kind of handle it is: {@link Target#QUEUE}, {@link Target#RECV_CHANNEL} or {@link Target#SEND_CHANNEL}. */
    Target kind();

    /** A queue's maxsize (0: unbounded); 0 for a channel end. */
    int maxsize();

    /**
     * Runs {@code operation} where the handle lives and returns its result (null for none).
     *
     * @throws HandleFailure the operation failed there, with the status the guest is answered with
     */
    JsonNode perform(Operation operation, List<JsonNode> arguments) throws InterruptedException;
}
