package dev.subinterp.pool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.InterpreterClosedError;
import dev.subinterp.interpreter.InterpreterError;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.TimeLimitExceeded;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import dev.subinterp.value.Shareable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An {@link java.util.concurrent.ExecutorService} of warm interpreters of one language, the Java
 * counterpart of CPython's {@code InterpreterPoolExecutor}. Submit {@link PoolTask}s (a script, or a
 * function the initializer defined plus JSON arguments); their futures hold the JSON result or fail
 * with {@link dev.subinterp.interpreter.ExecutionFailed}, {@link TimeLimitExceeded}, ...
 *
 * <ul>
 *   <li>Fault isolation: a task that raises fails only its own future; a task that hits a limit, is
 *       cancelled or breaks its interpreter gets that interpreter replaced, never reused. The pool keeps
 *       its size; no task is lost or run twice.</li>
 *   <li>{@code Future.cancel(true)} stops the guest (its interpreter is closed and replaced).</li>
 *   <li>Warm-up: {@link Builder#build()} returns once every worker has its interpreter; a
 *       {@link ReuseMode#FRESH} pool keeps a queue of ready interpreters filled in the background.</li>
 *   <li>Plain Java {@code Runnable}s and {@code Callable}s run on a worker thread, as in any executor.</li>
 * </ul>
 */
public final class InterpreterPoolExecutor extends AbstractExecutorService {
    private static final ThreadLocal<Worker> CURRENT_WORKER = new ThreadLocal<>();
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Interpreters runtime;
    private final boolean ownsRuntime;
    private final Language language;
    private final String initializer;
    private final Consumer<Interpreter.Builder> configure;
    private final Consumer<Interpreter> setup;
    private final ReuseMode mode;
    private final Duration taskTimeLimit;
    private final int poolNumber = POOLS.incrementAndGet();
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final BlockingQueue<Interpreter> ready;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> warmers = new ArrayList<>();
    /** Workers and warmers still running; the last to end closes what the pool owns. */
    private final AtomicInteger running;
    /** Open until the last worker or warmer ended and the pool's own runtime (and engine) closed. */
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicInteger replaced = new AtomicInteger();
    private volatile State state = State.RUNNING;
    private volatile RuntimeException warmUpFailure;

    private enum State { RUNNING, SHUTDOWN, STOP }

    private InterpreterPoolExecutor(Builder builder) {
        this.ownsRuntime = builder.runtime == null;
        this.runtime = ownsRuntime ? new Interpreters(builder.policy) : builder.runtime;
        if (builder.objectMapper != null) {
            runtime.objectMapper(builder.objectMapper);
        }
        this.language = builder.language;
        this.initializer = builder.initializer;
        this.configure = builder.configure;
        this.setup = builder.setup;
        this.mode = builder.mode;
        this.taskTimeLimit = builder.taskTimeLimit;
        this.ready = mode == ReuseMode.FRESH ? new ArrayBlockingQueue<>(builder.size) : null;
        int warmerCount = mode == ReuseMode.FRESH ? Math.max(1, builder.size / 2) : 0;
        this.running = new AtomicInteger(builder.size + warmerCount);
        CountDownLatch warm = new CountDownLatch(builder.size);
        for (int i = 0; i < builder.size; i++) {
            Worker worker = new Worker(i, warm);
            workers.add(worker);
        }
        for (int i = 0; i < warmerCount; i++) {
            warmers.add(Thread.ofPlatform().name("pool-" + poolNumber + "-warmer-" + i).daemon(true).unstarted(this::warm));
        }
        workers.forEach(w -> w.thread.start());
        warmers.forEach(Thread::start);
        try {
            warm.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (warmUpFailure != null) {
            shutdownNow();
            throw warmUpFailure;
        }
    }

    /** Options for a new pool of {@code language} interpreters. */
    public static Builder builder(Language language) {
        return new Builder(language);
    }

    /**
     * Calls {@code function} on each of {@code inputs} (each one argument) and returns the futures
     * in input order, submitting ahead as the iterator is read. {@code chunkSize} inputs go to a
     * worker at a time (fewer hand-offs for tiny tasks); each still gets its own future.
     */
    public Iterator<Future<JsonNode>> map(String function, Iterable<?> inputs, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, not " + chunkSize);
        }
        return new OrderedResults(function, inputs.iterator(), chunkSize, Math.max(2, workers.size() * 4));
    }

    /**
     * Calls {@code function} (defined by the initializer) with {@code args} in a worker's interpreter and
     * reads its result as {@code type}; arguments and result convert with the runtime's object mapper, as
     * {@link Interpreter#call(Class, String, Object...)} does. The future fails as {@code submit} would.
     */
    public <T> Future<T> submitCall(Class<T> type, String function, Object... args) {
        return new TypedFuture<>(submit(PoolTask.call(function, args, runtime.objectMapper())),
                result -> Shareable.toJava(result, runtime.objectMapper().constructType(type), runtime.objectMapper()));
    }

    /** A pool future whose JSON result is read as a Java type when it is got. */
    private record TypedFuture<T>(Future<JsonNode> source, java.util.function.Function<JsonNode, T> read) implements Future<T> {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return source.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return source.isCancelled();
        }

        @Override
        public boolean isDone() {
            return source.isDone();
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            return readOrFail(source.get());
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return readOrFail(source.get(timeout, unit));
        }

        private T readOrFail(JsonNode result) throws ExecutionException {
            try {
                return read.apply(result);
            } catch (RuntimeException e) {
                throw new ExecutionException(e);   // as if the task had failed: get() fails the one way futures do
            }
        }
    }

    /** How many workers hold a live interpreter right now (the pool's size once warm). */
    public int liveInterpreters() {
        int live = 0;
        for (Worker worker : workers) {
            Interpreter interpreter = worker.interpreter;
            if (interpreter != null && !interpreter.isClosed()) live++;
        }
        return live;
    }

    /** How many interpreters were replaced because a task broke, timed out or was cancelled. */
    public int replacedInterpreters() {
        return replaced.get();
    }

    /** The number of workers. */
    public int size() {
        return workers.size();
    }

    // ---- ExecutorService -------------------------------------------------------------------------

    @Override
    public void execute(Runnable command) {
        if (state != State.RUNNING) {
            throw new RejectedExecutionException("the pool is shut down");
        }
        work.add(command);
        if (state != State.RUNNING && work.remove(command)) {
            throw new RejectedExecutionException("the pool is shut down");
        }
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new PoolFuture<>(callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new PoolFuture<>(runnable, value);
    }

    /** Stops taking tasks; queued ones still run. */
    @Override
    public void shutdown() {
        if (state == State.RUNNING) {
            state = State.SHUTDOWN;
        }
        wakeIdleWorkers();
    }

    /** Stops taking tasks, cancels running guest work and returns the tasks that never started. */
    @Override
    public List<Runnable> shutdownNow() {
        state = State.STOP;
        List<Runnable> never = new ArrayList<>();
        work.drainTo(never);
        never.removeIf(task -> task == NO_WORK);
        for (Runnable task : never) {
            if (task instanceof PoolFuture<?> future && future.task instanceof PoolTask.Chunk chunk) {
                chunk.fail(new java.util.concurrent.CancellationException("the pool was shut down before this ran"));
            }
        }
        for (Worker worker : workers) {
            worker.stopGuest();
        }
        warmers.forEach(Thread::interrupt);
        wakeIdleWorkers();
        return never;
    }

    @Override
    public boolean isShutdown() {
        return state != State.RUNNING;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /** Waits until every task ended, the pool's threads have ended and what it owns is closed. */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!terminated.await(timeout, unit)) {
            return false;
        }
        // The last thread counts down on its way out: wait for it, and the others, to be gone.
        for (Thread thread : threads()) {
            if (thread == Thread.currentThread()) {
                continue;   // a task awaiting its own pool's end
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(java.time.Duration.ofNanos(left))) {
                return !thread.isAlive();
            }
        }
        return true;
    }

    private List<Thread> threads() {
        List<Thread> all = new ArrayList<>(warmers);
        workers.forEach(worker -> all.add(worker.thread));
        return all;
    }

    // ---- workers -----------------------------------------------------------------------------------

    private void wakeIdleWorkers() {
        for (int i = 0; i < workers.size(); i++) {
            work.add(NO_WORK);
        }
        warmers.forEach(Thread::interrupt);   // workers make their own fresh interpreters from now on
    }

    private static final Runnable NO_WORK = () -> {
    };

    private Interpreter newInterpreter() {
        Interpreter.Builder options = runtime.newInterpreter(language);
        if (taskTimeLimit != null) {
            options.timeLimit(taskTimeLimit);
        }
        configure.accept(options);
        Interpreter interpreter = options.create();
        try {
            if (initializer != null) {
                interpreter.exec(initializer, "<initializer>");
            }
            setup.accept(interpreter);
        } catch (RuntimeException e) {
            interpreter.close();
            throw e;
        }
        return interpreter;
    }

    /** FRESH mode: keeps the ready queue full. */
    private void warm() {
        try {
            while (state == State.RUNNING) {
                Interpreter interpreter;
                try {
                    interpreter = newInterpreter();
                } catch (InterpreterError e) {
                    if (state == State.RUNNING) warmUpFailure = e;
                    return;
                }
                try {
                    ready.put(interpreter);
                } catch (InterruptedException e) {
                    interpreter.close();
                    return;
                }
            }
        } finally {
            oneEnded();
        }
    }

    private void oneEnded() {
        if (running.decrementAndGet() > 0) {
            return;
        }
        try {
            Interpreter leftover;
            while (ready != null && (leftover = ready.poll()) != null) {
                leftover.close();
            }
            if (ownsRuntime) {
                runtime.close();
            }
        } finally {
            // Only now: a caller that awaits termination and then exits must not race the engine's close.
            terminated.countDown();
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T runOnWorker(PoolTask task) {
        Worker worker = CURRENT_WORKER.get();
        Interpreter interpreter = worker.interpreter;
        if (interpreter == null) {
            throw new InterpreterClosedError("no interpreter: replacing a broken one failed");
        }
        try {
            return (T) task.runIn(interpreter);
        } catch (RuntimeException e) {
            if (mode == ReuseMode.REUSE && PoolTask.breaks(e, interpreter)) {
                worker.replace();
            }
            throw e;
        }
    }

    /** A worker thread and, in REUSE mode, its interpreter. */
    private final class Worker {
        final Thread thread;
        volatile Interpreter interpreter;
        private final CountDownLatch warm;

        Worker(int index, CountDownLatch warm) {
            this.warm = warm;
            this.thread = Thread.ofPlatform().name("pool-" + poolNumber + "-worker-" + index).daemon(true).unstarted(this::loop);
        }

        private void loop() {
            CURRENT_WORKER.set(this);
            try {
                if (mode == ReuseMode.REUSE) {
                    try {
                        interpreter = newInterpreter();
                    } catch (RuntimeException e) {
                        warmUpFailure = e;
                        return;
                    } finally {
                        warm.countDown();
                    }
                } else {
                    warm.countDown();
                }
                while (state != State.STOP) {
                    // Idle workers wake at once for work (and for shutdown, through NO_WORK); the timeout
                    // only lets a worker that lost the race for the last task notice that the pool ended.
                    Runnable task = work.poll(state == State.RUNNING ? 1_000 : 10, TimeUnit.MILLISECONDS);
                    if (task == null || task == NO_WORK) {
                        // Each idle worker takes one wake-up marker and ends; taking another's would leave
                        // that worker waiting out its poll.
                        if (state != State.RUNNING && work.stream().allMatch(queued -> queued == NO_WORK)) break;
                        continue;
                    }
                    run(task);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                Interpreter last = interpreter;
                interpreter = null;
                if (last != null) last.close();
                oneEnded();
            }
        }

        private void run(Runnable task) throws InterruptedException {
            if (task instanceof PoolFuture<?> future && future.isGuestWork()) {
                if (mode == ReuseMode.FRESH) {
                    interpreter = takeReady();
                    if (interpreter == null) {
                        future.failWith(warmUpFailure != null ? warmUpFailure : new InterpreterClosedError("the pool is stopping"));
                        return;
                    }
                }
                future.runIn(this);
                if (mode == ReuseMode.FRESH) {
                    interpreter.close();
                    interpreter = null;
                } else if (interpreter != null && interpreter.isClosed()) {
                    replace();   // closed by a cancellation that raced with the task's end
                }
            } else {
                task.run();
            }
        }

        /** A ready interpreter, or a new one if the warmers are behind (or stopped, after shutdown). */
        private Interpreter takeReady() throws InterruptedException {
            Interpreter next = ready.poll(state == State.RUNNING ? 50 : 0, TimeUnit.MILLISECONDS);
            if (next != null || state == State.STOP) return next;
            try {
                return newInterpreter();
            } catch (RuntimeException e) {
                return null;
            }
        }

        /**
         * Swaps a broken interpreter for a new one. Runs before the broken task's future completes, so
         * that whoever sees the failure also sees the pool at full size again.
         */
        void replace() {
            Interpreter broken = interpreter;
            if (broken != null) broken.close();
            replaced.incrementAndGet();
            try {
                interpreter = state == State.STOP ? null : newInterpreter();
            } catch (RuntimeException e) {
                interpreter = null;   // the next task fails clearly (no interpreter) instead of the pool dying
            }
        }

        private PoolFuture<?> running;   // guarded by this

        synchronized void begin(PoolFuture<?> future) {
            running = future;
        }

        synchronized void end() {
            running = null;
        }

        /**
         * Cancels the guest work this worker runs, if any, by closing its interpreter: a call still on
         * its way to the guest fails, a running one is cancelled. (Not only when the guest is running
         * already: a stop between a task's start and its guest's start was missed, and the guest then
         * ran on with no one left to stop it.)
         */
        synchronized void stopGuest() {
            Interpreter current = interpreter;
            if (running != null && current != null) {
                current.close();
            }
        }

        /** Stops {@code future}'s guest work if, and only if, it is what this worker runs right now. */
        synchronized void stopGuestOf(PoolFuture<?> future) {
            if (running == future) {
                stopGuest();
            }
        }
    }

    /** A task's future; cancelling a running guest task closes (and so replaces) its interpreter. */
    private final class PoolFuture<T> extends FutureTask<T> {
        final PoolTask task;   // null for plain Java work

        PoolFuture(Callable<T> callable) {
            super(callable instanceof PoolTask task ? () -> InterpreterPoolExecutor.this.<T>runOnWorker(task) : callable);
            this.task = callable instanceof PoolTask task ? task : null;
        }

        PoolFuture(Runnable runnable, T value) {
            super(runnable, value);
            this.task = null;
        }

        boolean isGuestWork() {
            return task != null;
        }

        void runIn(Worker worker) {
            worker.begin(this);
            try {
                run();
            } finally {
                worker.end();
            }
        }

        void failWith(RuntimeException error) {
            setException(error);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(false);
            if (cancelled && mayInterruptIfRunning) {
                for (Worker worker : workers) {
                    worker.stopGuestOf(this);
                }
            }
            return cancelled;
        }
    }

    /** Futures of a map, in input order, submitting a bounded number of chunks ahead. */
    private final class OrderedResults implements Iterator<Future<JsonNode>> {
        private final String function;
        private final Iterator<?> inputs;
        private final int chunkSize;
        private final int window;
        private final java.util.ArrayDeque<CompletableFuture<JsonNode>> pending = new java.util.ArrayDeque<>();

        OrderedResults(String function, Iterator<?> inputs, int chunkSize, int window) {
            this.function = function;
            this.inputs = inputs;
            this.chunkSize = chunkSize;
            this.window = window * chunkSize;
        }

        @Override
        public boolean hasNext() {
            fill();
            return !pending.isEmpty();
        }

        @Override
        public Future<JsonNode> next() {
            if (!hasNext()) throw new NoSuchElementException();
            return pending.removeFirst();
        }

        private void fill() {
            while (pending.size() < window && inputs.hasNext()) {
                List<PoolTask.Call> calls = new ArrayList<>();
                List<CompletableFuture<JsonNode>> results = new ArrayList<>();
                while (calls.size() < chunkSize && inputs.hasNext()) {
                    calls.add((PoolTask.Call) PoolTask.call(function, inputs.next()));
                    results.add(new CompletableFuture<>());
                }
                pending.addAll(results);
                submitChunk(new PoolTask.Chunk(calls, results, this::submitChunk));
            }
        }

        private void submitChunk(PoolTask.Chunk chunk) {
            try {
                submit(chunk);
            } catch (RejectedExecutionException e) {
                chunk.fail(e);
            }
        }
    }

    /** Options for a new pool; see {@link #builder(Language)}. */
    public static final class Builder {
        private final Language language;
        private int size = Runtime.getRuntime().availableProcessors();
        private String initializer;
        private SandboxPolicy policy = PolicyLoader.defaultPolicy();
        private Interpreters runtime;
        private ReuseMode mode = ReuseMode.REUSE;
        private Duration taskTimeLimit;
        private com.fasterxml.jackson.databind.ObjectMapper objectMapper;
        private Consumer<Interpreter.Builder> configure = options -> { };
        private Consumer<Interpreter> setup = interpreter -> { };

        private Builder(Language language) {
            this.language = language;
        }

        /** The number of workers (default: available processors). */
        public Builder size(int size) {
            if (size < 1) throw new IllegalArgumentException("a pool needs at least one worker, not " + size);
            this.size = size;
            return this;
        }

        /** Source run once in each new worker interpreter: imports, helper functions. */
        public Builder initializer(String source) {
            this.initializer = source;
            return this;
        }

        /**
         * Java code that sets options of each new worker interpreter before it is created (output
         * sinks, {@code scriptDirectory}, {@code hostFunctions}, ...).
         */
        public Builder configure(Consumer<Interpreter.Builder> options) {
            this.configure = options;
            return this;
        }

        /**
         * Java code run once with each new worker interpreter, after the source initializer: bind
         * values with {@code prepareMain}, exec a named entry file. A failure fails the pool's start.
         */
        public Builder setup(Consumer<Interpreter> setup) {
            this.setup = setup;
            return this;
        }

        /** The policy of the pool's own runtime (default: the default preset). */
        public Builder policy(SandboxPolicy policy) {
            this.policy = policy;
            return this;
        }

        /** Run in an existing runtime instead of the pool's own (then the runtime's policy applies). */
        public Builder runtime(Interpreters runtime) {
            this.runtime = runtime;
            return this;
        }

        /**
         * The mapper for the Java values of {@link #submitCall} (default: the
         * runtime's, see {@link Interpreters#objectMapper(com.fasterxml.jackson.databind.ObjectMapper)}).
         * With {@link #runtime}, it becomes that runtime's mapper.
         */
        public Builder objectMapper(com.fasterxml.jackson.databind.ObjectMapper mapper) {
            this.objectMapper = mapper;
            return this;
        }

        /** Keep interpreters between tasks ({@code REUSE}, default) or give each task a fresh one. */
        public Builder reuse(ReuseMode mode) {
            this.mode = mode;
            return this;
        }

        /** A time limit for each task (default: the policy's per-call limit). */
        public Builder taskTimeLimit(Duration limit) {
            this.taskTimeLimit = limit;
            return this;
        }

        /** Starts the workers and returns once each has a warm interpreter (the initializer has run). */
        public InterpreterPoolExecutor build() {
            return new InterpreterPoolExecutor(this);
        }
    }
}
