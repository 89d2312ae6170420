package dev.subinterp.internal.engine;

import dev.subinterp.internal.concurrent.BriefSpin;

import java.lang.management.ManagementFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * The one platform thread that creates, enters and closes an interpreter's Context. Work from any
 * host thread is queued here and runs one task at a time, in submission order, so that no Context is
 * ever entered from two threads.
 */
public final class OwnerThread {
    private static final ThreadLocal<OwnerThread> CURRENT = new ThreadLocal<>();

    private final Thread thread;
    private final BlockingQueue<Task<?>> tasks = new LinkedBlockingQueue<>();
    private volatile Runnable onExit;
    private boolean accepting = true;          // guarded by tasks
    private volatile int running;              // tasks in progress on this thread, nested ones included
    private volatile int serving;              // serveUntil calls in progress: waiting on another interpreter

    /**
     * @param name   the thread's name, shown in thread dumps
     * @param onExit runs on this thread after its last task (closes the Context)
     * @param stackBytes the thread's stack size; 0 for the JVM's default ({@code -Xss})
     */
    public OwnerThread(String name, Runnable onExit, long stackBytes) {
        this.onExit = onExit;
        this.thread = Thread.ofPlatform().name(name).daemon(true).stackSize(stackBytes).unstarted(this::loop);
        thread.start();
    }

    /**
     * Gives this thread to a new owner: a spare interpreter's thread becomes the thread of the
     * interpreter that took it, under that interpreter's name and with its way of ending.
     */
    public void handOver(String name, Runnable onExit) {
        thread.setName(name);
        this.onExit = onExit;
    }

    /** Renames the thread, for thread dumps (and tests) that tell a thread's state by its name. */
    public void rename(String name) {
        thread.setName(name);
    }

    /**
     * Queues {@code work}; the returned future completes with its result or exception. A future that
     * is cancelled before its turn comes is skipped. Once stopped, fails the future with {@code whenStopped}.
     */
    public <T> CompletableFuture<T> submit(Callable<T> work, Supplier<? extends RuntimeException> whenStopped) {
        Task<T> task = new Task<>(work);
        synchronized (tasks) {
            if (!accepting) {
                task.future.completeExceptionally(whenStopped.get());
                return task.future;
            }
            tasks.add(task);
        }
        return task.future;
    }

    /** The owner thread the caller is running on, or null for any other thread. */
    public static OwnerThread current() {
        return CURRENT.get();
    }

    /**
     * Called on this thread while its interpreter waits for another one: runs the tasks queued for this
     * interpreter until {@code future} completes, so that the other interpreter may call back into this
     * one (A execs in B, B calls A) without a deadlock. Returns true, early, if this thread is being
     * stopped (its interpreter was closed): the caller must then stop waiting.
     */
    public boolean serveUntil(CompletableFuture<?> future) throws InterruptedException {
        future.whenComplete((result, error) -> tasks.add(Task.WAKE));
        serving++;
        try {
            while (!future.isDone()) {
                Task<?> task = tasks.take();
                if (task == Task.STOP) {
                    tasks.add(Task.STOP);   // for the outer loop
                    return true;
                }
                task.run(this);
            }
            return false;
        } finally {
            serving--;
        }
    }

    /** Whether this thread is waiting on another interpreter (and so takes calls meanwhile). */
    public boolean isServing() {
        return serving > 0;
    }

    /** Whether the caller is this thread (a call from inside a guest back into its own interpreter). */
    /** Bytes this thread has allocated on the heap so far (HotSpot's per-thread counter; -1 if unknown). */
    public long allocatedBytes() {
        return HOTSPOT_THREADS != null ? HOTSPOT_THREADS.getThreadAllocatedBytes(thread.threadId()) : -1;
    }

    /** HotSpot's thread bean, read at every call's start and end: looked up once. */
    private static final com.sun.management.ThreadMXBean HOTSPOT_THREADS =
            ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot ? hotspot : null;

    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Whether a task is running right now. */
    public boolean isBusy() {
        return running > 0;
    }

    /**
     * Stops taking work: tasks still queued fail with {@code reason}; the thread ends after the task
     * it is running, if any.
     */
    public void stop(Supplier<? extends RuntimeException> reason) {
        List<Task<?>> dropped = new ArrayList<>();
        synchronized (tasks) {
            accepting = false;
            tasks.drainTo(dropped);
            tasks.add(Task.STOP);
        }
        for (Task<?> task : dropped) {
            task.future.completeExceptionally(reason.get());
        }
    }

    /** Waits up to {@code timeout} for the thread to end; true if it has. */
    public boolean join(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    /**
     * Waits until the thread has ended, running {@code meanwhile} before each wait of 100 ms (a close
     * that keeps cancelling what runs); an interrupt does not end the wait, and is kept for the caller.
     */
    public void awaitEnd(Runnable meanwhile) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            meanwhile.run();
            try {
                thread.join(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    private void loop() {
        CURRENT.set(this);
        try {
            while (true) {
                BriefSpin.until(() -> !tasks.isEmpty());   // the next call of a caller that waits on each one
                Task<?> task = tasks.take();
                if (task == Task.STOP) {
                    return;
                }
                if (task == Task.WAKE) {
                    continue;
                }
                task.run(this);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onExit.run();
        }
    }

    private static final class Task<T> {
        static final Task<Void> STOP = new Task<>(() -> null);
        /** Wakes a {@link #serveUntil} wait; does nothing. */
        static final Task<Void> WAKE = new Task<>(() -> null);

        final Callable<T> work;
        final CompletableFuture<T> future = new CompletableFuture<>();

        Task(Callable<T> work) {
            this.work = work;
        }

        /** Runs the work; the thread counts as busy until just before the future completes. */
        void run(OwnerThread owner) {
            if (future.isDone()) {
                return;
            }
            T result = null;
            Throwable failure = null;
            owner.running++;
            try {
                result = work.call();
            } catch (Throwable t) {
                failure = t;
            } finally {
                owner.running--;
            }
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }
}
