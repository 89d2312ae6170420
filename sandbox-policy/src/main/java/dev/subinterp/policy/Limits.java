package dev.subinterp.policy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Limits the runtime enforces itself (GraalVM Community refuses the enterprise {@code sandbox.*}
 * limits). An empty value means no limit.
 *
 * @param timePerCall       wall-clock time of each exec or call; past it the call is interrupted
 * @param statementsPerCall guest statements per exec or call, by language id; only {@code js} can be
 *                          counted (GraalPy 25.0.3 does not enforce Truffle's statement limit)
 * @param outputBytes       bytes written to stdout and stderr together during one exec or call
 * @param interpreters      interpreters alive at once in one runtime, the host's and the guests' together
 * @param threads           threads a Python guest may have running at once (a guard inside the guest,
 *                          see README; {@code threads: false} is the hard switch)
 * @param queueBytes        bytes (of the JSON form) one queue may hold at once
 * @param recursionDepth    nested calls guests can count on: the interpreter's thread stack is sized for
 *                          them (the hard bound), and Python's recursion limit cannot be raised past it
 * @param memory            heap the guests of one process-isolated family may use; the worker JVM's hard
 *                          heap limit is this plus the runtime's own need. Accepted only with process
 *                          isolation (GraalVM Community cannot limit the heap of a Context in a shared JVM)
 */
public record Limits(Optional<Duration> timePerCall, Map<String, Long> statementsPerCall, Optional<Long> outputBytes,
                     Optional<Integer> interpreters, Optional<Integer> threads, Optional<Long> queueBytes,
                     Optional<Integer> recursionDepth, Optional<Long> memory) {

    /**
     * The largest {@code recursionDepth}: each interpreter's thread stack is sized for it (about 4 KiB
     * a frame, 40 MiB here), memory outside the heap that no heap limit sees.
     */
    public static final int MAX_RECURSION_DEPTH = 10_000;

    /** The smallest {@code memory}: less leaves a worker JVM's guests too little room to start an interpreter. */
    public static final long MIN_MEMORY = 64L << 20;

    public Limits {
        statementsPerCall = Map.copyOf(statementsPerCall);
    }

    /** The statement limit for interpreters of {@code languageId}, if any. */
    public Optional<Long> statementsPerCall(String languageId) {
        return Optional.ofNullable(statementsPerCall.get(languageId));
    }
}
