package dev.subinterp.internal.sandbox;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps the host alive when guests fill the Java heap. GraalVM Community cannot limit a context's
 * memory (that is the enterprise {@code sandbox.MaxHeapMemory}), and it cannot say which context
 * holds what. So: when the heap is still {@value #THRESHOLD_PERCENT}% full after a garbage
 * collection, the guard stops the one running call that allocated the most since it began (measured
 * per interpreter thread, at least 64 MiB) and closes its interpreter, which frees what it held.
 * Idle interpreters and the host are never chosen.
 */
public final class HeapGuard {
    public static final int THRESHOLD_PERCENT = 90;
    /** A call that allocated less than this since it began is not what filled the heap. */
    public static final long MIN_SUSPECT_BYTES = 64L << 20;
    /** After stopping one call, time for the collector to free what it held before judging again. */
    private static final long COOL_DOWN_NANOS = 3_000_000_000L;
    private volatile long lastStop = System.nanoTime() - COOL_DOWN_NANOS;
    private static final HeapGuard INSTANCE = new HeapGuard();

    /** A call that could be stopped, and what its thread allocated since the call began. */
    public interface Candidate {
        long allocatedDuringCall();

        /** Stops the call and closes its interpreter; {@code why} says so to the caller. */
        void stopForMemory(String why);
    }

    private final Set<Supplier<List<? extends Candidate>>> sources = ConcurrentHashMap.newKeySet();

    private HeapGuard() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0) {
                pool.setCollectionUsageThreshold(max / 100 * THRESHOLD_PERCENT);
            }
        }
        NotificationEmitter emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
        emitter.addNotificationListener((Notification n, Object handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())
                    && System.nanoTime() - lastStop >= COOL_DOWN_NANOS) {
                heapNearlyFull(MIN_SUSPECT_BYTES);
            }
        }, null, null);
    }

    /** The guard of this JVM. */
    public static HeapGuard instance() {
        return INSTANCE;
    }

    /** Registers the running calls of a runtime; unregister with {@link #forget}. */
    public void watch(Supplier<List<? extends Candidate>> runningCalls) {
        sources.add(runningCalls);
    }

    public void forget(Supplier<List<? extends Candidate>> runningCalls) {
        sources.remove(runningCalls);
    }

    /**
     * Stops the running call that allocated the most, if it allocated at least {@code minimumBytes}
     * since it began; what a full heap after a collection triggers (with 64 MiB, and not again within
     * 3 s of a stop, so that the collector can free what the stopped interpreter held). Returns the
     * call it stopped.
     */
    public Optional<Candidate> heapNearlyFull(long minimumBytes) {
        Optional<? extends Candidate> heaviest = sources.stream()
                .flatMap(source -> source.get().stream())
                .filter(c -> c.allocatedDuringCall() >= minimumBytes)
                .max(Comparator.comparingLong(Candidate::allocatedDuringCall));
        heaviest.ifPresent(c -> lastStop = System.nanoTime());
        heaviest.ifPresent(c -> c.stopForMemory("the JVM heap was still over " + THRESHOLD_PERCENT
                + "% full after a garbage collection, and this call had allocated the most ("
                + c.allocatedDuringCall() / (1 << 20) + " MiB); in-process interpreters cannot be memory-limited"
                + " on GraalVM Community, so the runtime closes the heaviest running one to keep the host alive"));
        return heaviest.map(c -> c);
    }
}
