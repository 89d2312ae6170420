package dev.subinterp.internal.engine;

import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.LimitExceeded;
import dev.subinterp.interpreter.OutputLimitExceeded;
import dev.subinterp.interpreter.TimeLimitExceeded;
import dev.subinterp.internal.sandbox.HeapGuard;
import dev.subinterp.internal.sandbox.OutputBudget;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches one interpreter's outermost calls and stops a call that passes a limit: its time limit (a
 * watchdog alarm), the output limit (the budget that wraps its streams) or the heap (the heap guard,
 * through {@link #runningCall()}). A stop interrupts the guest first and cancels it if it does not
 * stop; the call then ends with the error {@link #stopped} names. Calls are numbered, so that an alarm
 * for a call that already ended matches nothing.
 */
final class CallSupervisor {
    /** Why the runtime stopped a call. */
    enum StopReason { TIME, OUTPUT, MEMORY }

    /** The interpreter's side of a stop. */
    interface Supervised {
        boolean isClosed();

        /** Interrupts the running guest code, waiting up to {@code patience} for it to stop. */
        void interrupt(Duration patience) throws TimeoutException;

        /** Ends the interpreter for {@code reason}, cancelling the call it runs. */
        void cancelFor(String reason);

        /** Bytes the interpreter's thread has allocated so far (-1 if unknown). */
        long allocatedBytes();

        /** Wakes the guest if it waits in the host (on a queue): interrupts cannot reach it there. */
        void wakeWaits();

        /** Forgets earlier wake-ups: a new call begins. */
        void resetWaits();
    }

    /** Describing a call's uncaught exception gets at least this long (see {@link #describeAlarm}). */
    private static final Duration DESCRIBE_AT_LEAST = Duration.ofSeconds(10);

    private final int id;
    private final Optional<Duration> timeLimit;
    private final ScheduledExecutorService watchdog;
    private final Supervised interpreter;
    private final OutputBudget outputBudget;   // null when the policy sets no output limit

    private final Object callLock = new Object();
    private volatile long currentCall;        // written under callLock; read without it by the output budget
    private volatile StopReason stopReason;   // why the current call was stopped, if it was
    private volatile String memoryStop;       // what a memory stop told the caller
    private volatile long allocatedAtCallStart = -1;   // the thread's allocation counter when the call began; -1 when idle

    CallSupervisor(int id, Optional<Duration> timeLimit, Optional<Long> outputLimit, ScheduledExecutorService watchdog,
                   Supervised interpreter) {
        this.id = id;
        this.timeLimit = timeLimit;
        this.watchdog = watchdog;
        this.interpreter = interpreter;
        this.outputBudget = outputLimit.map(limit -> new OutputBudget(limit, this::outputLimitReached)).orElse(null);
    }

    /** {@code stream}, counted against the output limit if there is one. */
    OutputStream counted(OutputStream stream) {
        return outputBudget == null ? stream : outputBudget.wrap(stream);
    }

    /** Starts supervising a new outermost call; returns its number. */
    long begin() {
        synchronized (callLock) {
            stopReason = null;
            if (outputBudget != null) {
                outputBudget.reset();
            }
            interpreter.resetWaits();
            allocatedAtCallStart = interpreter.allocatedBytes();
            return currentCall = currentCall + 1;
        }
    }

    /** Ends the supervision of the current call. */
    void end() {
        synchronized (callLock) {
            allocatedAtCallStart = -1;
            currentCall++;   // a late alarm for the call that just ended now matches nothing
        }
    }

    /** Stops {@code call} when the time limit passes; null without a limit. */
    ScheduledFuture<?> timeAlarm(long call) {
        return timeLimit.map(limit -> alarm(call, limit)).orElse(null);
    }

    /**
     * The time limit for describing a call's uncaught exception: the call's own, but never less than
     * {@link #DESCRIBE_AT_LEAST}, since the first traceback of an interpreter imports the traceback
     * module (over 2 s in a cold JVM without the JIT). Null without a limit.
     */
    ScheduledFuture<?> describeAlarm(long call) {
        return timeLimit.map(limit -> alarm(call, limit.compareTo(DESCRIBE_AT_LEAST) > 0 ? limit : DESCRIBE_AT_LEAST)).orElse(null);
    }

    private ScheduledFuture<?> alarm(long call, Duration limit) {
        return watchdog.schedule(() -> stopLater(call, StopReason.TIME), limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Why the current call was stopped, if it was: a stop that struck (or output that passed the limit)
     * as the call returned still counts. Null when it was not.
     */
    StopReason stopReason() {
        StopReason reason = stopReason;
        return reason != null ? reason : outputBudget != null && outputBudget.exceeded() ? StopReason.OUTPUT : null;
    }

    /** Whether a stop was ordered for the current call (not counting output seen only by the budget). */
    boolean stopOrdered() {
        return stopReason != null;
    }

    /** The error a call stopped for {@code reason} ends with. */
    RuntimeException stopped(StopReason reason) {
        return switch (reason) {
            case TIME -> new TimeLimitExceeded(id, timeLimit.orElseThrow());
            case OUTPUT -> new OutputLimitExceeded(id, outputBudget.limit());
            case MEMORY -> new LimitExceeded(memoryStop, ErrorKind.MEMORY);
        };
    }

    /** The running call, for the heap guard to weigh; empty when idle. */
    Optional<HeapGuard.Candidate> runningCall() {
        long start = allocatedAtCallStart;
        if (start < 0 || interpreter.isClosed()) {
            return Optional.empty();
        }
        return Optional.of(new HeapGuard.Candidate() {
            @Override
            public long allocatedDuringCall() {
                return Math.max(0, interpreter.allocatedBytes() - start);
            }

            @Override
            public void stopForMemory(String why) {
                synchronized (callLock) {
                    if (allocatedAtCallStart != start || interpreter.isClosed()) {
                        return;   // that call ended meanwhile
                    }
                    stopReason = StopReason.MEMORY;
                    memoryStop = "interpreter " + id + " was stopped and closed: " + why;
                    interpreter.wakeWaits();
                    interpreter.cancelFor(memoryStop);
                }
            }
        });
    }

    /** Stops call {@code call} from a thread of its own: the caller may be the guest's thread itself. */
    private void stopLater(long call, StopReason reason) {
        Thread.ofPlatform().daemon(true).name("interpreter-" + id + "-stop").start(() -> stop(call, reason));
    }

    /** Called on the writing thread when the current call writes past the output limit. */
    private void outputLimitReached() {
        // No lock here: this runs on the guest's thread, which stop() may be waiting for while it holds callLock.
        stopLater(currentCall, StopReason.OUTPUT);
    }

    /** Stops call {@code call} if it is still running: interrupt first, cancel if the guest does not stop. */
    private void stop(long call, StopReason reason) {
        synchronized (callLock) {
            if (currentCall != call || interpreter.isClosed()) {
                return;
            }
            stopReason = reason;
            interpreter.wakeWaits();   // a guest blocked on a queue is in Java, where interrupt() cannot reach
            try {
                interpreter.interrupt(Duration.ofSeconds(2));
            } catch (TimeoutException refusedToStop) {
                interpreter.cancelFor("interpreter " + id + " was cancelled: it ignored the interrupt at its "
                        + reason.name().toLowerCase() + " limit");
            } catch (RuntimeException alreadyClosed) {
                // The call ended or the context closed meanwhile.
            }
        }
    }
}
