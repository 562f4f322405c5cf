package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.internal.debug.Debug;
import dev.aiobridge.internal.engine.LoopHooks;
import dev.aiobridge.internal.engine.Strand;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The platform-neutral loop (CPython's {@code base_events.BaseEventLoop}): the ready queue, the timer
 * heap, the cross-thread queue, {@link #runOnce()} and the loop's life. What it waits on is behind
 * {@link IoHandler}, the seam a subclass provides ({@link #io()}): a selector, or a virtual clock.
 *
 * <p>Invariants. {@code ready} and {@code timers} are touched only by the loop's logical thread;
 * {@code incoming} is the only structure other threads touch ({@link #callSoonThreadsafe}), drained at the
 * start of an iteration and after the wait. {@code cancelledTimers} counts cancelled handles still in
 * the heap.
 *
 * <p>Shutdown keeps its promises. Once the intake is closed ({@link #closeIntake()}, at the start of a
 * runner's shutdown, or {@link #close()}), other threads' calls are refused at once; a call accepted
 * before either runs or, if the loop closes first, is told so ({@link LoopCloseListener}). A call racing
 * with the closing is accepted or refused, never lost: it enqueues, then re-reads the flag and, if it
 * is set, takes its handle back; failing to, it knows the closer has it.
 */
abstract class BaseEventLoop implements EventLoop {

    /** Never wait longer than a day in one select (CPython's MAXIMUM_SELECT_TIMEOUT). */
    private static final long MAX_SELECT_NANOS = 24L * 3600 * 1_000_000_000L;
    /** Compact the heap when it holds more than this many timers, over half of them cancelled. */
    private static final int MIN_TIMERS_TO_COMPACT = 100;

    /** At most this many calls from other threads wait in the intake; more wait for room (backpressure). */
    static final int INTAKE_CAPACITY = 1 << 16;
    /** One drain of the intake moves at most this many calls to the ready queue. */
    static final int DRAIN_LIMIT = 1 << 14;

    private static final VarHandle SELECTING;
    private static final VarHandle BACKLOG;

    static {
        try {
            SELECTING = MethodHandles.lookup().findVarHandle(BaseEventLoop.class, "selecting", int.class);
            BACKLOG = MethodHandles.lookup().findVarHandle(BaseEventLoop.class, "backlog", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A batch of at least this many ready callbacks runs from its own queue, and what it schedules goes to
     * a new one (see {@link #runOnce}).
     */
    static final int FRESH_QUEUE_BATCH = 32;

    /**
     * Handles, and tasks whose step is due (a task is its own step handle: {@link Task#runQueued}). Not
     * final: a large batch leaves it to run, and a new queue takes what the batch schedules.
     */
    private ArrayDeque<Object> ready = new ArrayDeque<>();
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>();
    private final ConcurrentLinkedQueue<Handle> incoming = new ConcurrentLinkedQueue<>();
    private int cancelledTimers;
    private long timerSequence;

    /** Calls from other threads in {@code incoming} (counted in before the add, out after the poll). */
    private volatile int backlog;
    /** 1 while the loop waits (or is about to wait) in select: other threads must wake it. */
    private volatile int selecting;
    private volatile boolean closed;
    /** Set when shutdown begins: other threads' calls are refused from then on. */
    private volatile boolean intakeClosed;
    /** Other threads waiting on this loop's futures: told when the loop closes first. Loop thread only. */
    private final java.util.Set<LoopCloseListener> waiters = new java.util.LinkedHashSet<>();
    private boolean stopping;
    /** The logical thread running the loop, or null. */
    private volatile Strand owner;
    private volatile Thread ownerThread;

    private ExceptionHandler exceptionHandler;
    private volatile boolean debug = Debug.global();
    private double slowCallbackDuration = 0.1;
    /** Carries ThreadLocals into tasks, or null (read by Task and callSoonThreadsafe). */
    volatile ThreadContextPropagator threadContext;
    private TaskFactory taskFactory;

    /** Pending tasks of this loop (asyncio's all_tasks registry). Loop thread only. */
    final TaskRegistry tasks = new TaskRegistry();

    /** Async generators first iterated on this loop (asyncio's weak _asyncgens set). */
    private final java.util.Set<AsyncGenerator<?>> asyncgens =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    // ------------------------------------------------------------------------------------------------
    // The clock and waiting: what subclasses provide

    /** The loop's clock in nanoseconds (monotonic). */
    long nanoTime() {
        return System.nanoTime();
    }

    /** What the loop waits on: the seam to its I/O (or, on virtual time, to its clock). */
    abstract IoHandler io();

    // ------------------------------------------------------------------------------------------------
    // One iteration: CPython's _run_once

    /** One iteration of the loop. The only place callbacks are called. */
    final void runOnce(Strand strand) {
        // Phase 1: calls from other threads join the ready queue; cancelled timers leave the heap.
        drainIncoming();
        dropCancelledTimers();

        // Phase 2: wait for I/O as long as nothing is ready and no timer is due.
        long timeout;
        if (!ready.isEmpty() || stopping) {
            timeout = 0;
        } else if (!timers.isEmpty()) {
            timeout = Math.min(Math.max(0, timers.peek().whenNanos - nanoTime()), MAX_SELECT_NANOS);
        } else {
            timeout = -1;
        }
        if (timeout != 0) {
            SELECTING.setVolatile(this, 1);
            if (!incoming.isEmpty()) {
                timeout = 0; // a call arrived between the drain and now: do not sleep on it
            }
        }
        io().select(timeout);
        if (timeout != 0) {
            selecting = 0;
        }
        drainIncoming();

        // Phase 3: due timers join the ready queue, in (deadline, sequence) order.
        long now = timers.isEmpty() ? 0 : nanoTime();
        while (!timers.isEmpty() && timers.peek().whenNanos <= now) {
            TimerHandle t = timers.poll();
            t.scheduled = false;
            if (t.cancelled) {
                cancelledTimers--;
            } else {
                ready.add(t);
            }
        }

        // Phase 4: run what was ready when this phase began; what they schedule waits for the next one.
        // A large batch leaves the queue and what it schedules goes to a new one, young in the garbage
        // collector's eyes: storing a new handle into a long-lived (old) queue's array costs G1's write
        // barrier its slow path, a memory fence per callSoon (measured: 12-15 against 6.6-7.4 ns per
        // callback scheduled and run, same JVM, a batch of 1,000). A small batch stays where it is: a new
        // queue would cost more than the few stores it saves.
        int ntodo = ready.size();
        ArrayDeque<Object> running = ready;
        if (ntodo >= FRESH_QUEUE_BATCH) {
            ready = new ArrayDeque<>(ntodo);
        }
        boolean timing = debug;
        Object outerContext = strand.context; // callbacks in one shared snapshot leave it current between them
        try {
            for (int i = 0; i < ntodo; i++) {
                Object next = running.poll();
                if (timing) {
                    runTimed(next, strand);
                } else if (next instanceof Task<?> task) {
                    task.runQueued(strand);
                } else {
                    Handle h = (Handle) next;
                    if (!h.cancelled) {
                        h.run(strand, this);
                    }
                }
            }
        } finally {
            strand.context = outerContext;
            if (running != ready && !running.isEmpty()) {
                // An error left the loop mid-batch: the rest of the batch still runs first, then what it scheduled.
                running.addAll(ready);
                ready = running;
            }
        }
    }

    private void runTimed(Object next, Strand strand) {
        long t0 = System.nanoTime();
        if (next instanceof Task<?> task) {
            task.runQueued(strand);
        } else if (next instanceof Handle h && !h.cancelled) {
            h.run(strand, this);
        } else {
            return;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (seconds >= slowCallbackDuration) {
            System.getLogger("dev.aiobridge").log(System.Logger.Level.WARNING,
                    String.format("Executing %s took %.3f seconds", next, seconds));
        }
    }

    /**
     * Moves what other threads handed in to the ready queue: what was there when the drain began, at most
     * {@link #DRAIN_LIMIT}, so that a flood from other threads cannot keep the loop from its timers, its
     * I/O and {@code stop()}.
     */
    private void drainIncoming() {
        int n = Math.min(backlog, DRAIN_LIMIT);
        int taken = 0;
        Object h;
        while (taken < n && (h = incoming.poll()) != null) {
            ready.add(h);
            taken++;
        }
        if (taken != 0) {
            BACKLOG.getAndAdd(this, -taken);
        }
    }

    /**
     * Backpressure on other threads: while {@link #INTAKE_CAPACITY} calls wait in the intake and the loop
     * runs, a foreign caller waits for the loop to take some (a short spin, then parking for a few
     * microseconds at a time). Never on the loop's own thread, and not while the loop is not running
     * (nobody would drain), nor once shutdown began.
     */
    private void awaitRoom() {
        for (int spins = 0; backlog >= INTAKE_CAPACITY && owner != null && !intakeClosed; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
        }
    }

    /** True if callbacks wait to run: in the ready queue or handed in by other threads. */
    final boolean hasQueuedCallbacks() {
        return !ready.isEmpty() || !incoming.isEmpty();
    }

    /** How many calls from other threads wait in the intake (for tests). */
    final int intakeBacklog() {
        return backlog;
    }

    private void dropCancelledTimers() {
        int n = timers.size();
        if (n > MIN_TIMERS_TO_COMPACT && cancelledTimers * 2 > n) {
            List<TimerHandle> live = new ArrayList<>(n - cancelledTimers);
            for (TimerHandle t : timers) {
                if (t.cancelled) {
                    t.scheduled = false;
                } else {
                    live.add(t);
                }
            }
            timers.clear();
            timers.addAll(live);
            cancelledTimers = 0;
        } else {
            while (!timers.isEmpty() && timers.peek().cancelled) {
                timers.poll().scheduled = false;
                cancelledTimers--;
            }
        }
    }

    /** A timer was cancelled: it stays in the heap until dropped lazily. */
    final void timerCancelled(TimerHandle t) {
        if (t.scheduled) {
            cancelledTimers++;
        }
    }

    /** Appends {@code h} to the ready queue (loop thread). */
    final void addReady(Handle h) {
        ready.add(h);
    }

    /** {@code callSoon} of a task's step: the task is its own handle in the ready queue. */
    final void scheduleReady(Task<?> task) {
        checkClosed();
        checkThread();
        ready.add(task);
    }

    /** How many timers are in the heap, cancelled ones included (for tests). */
    final int timerCount() {
        return timers.size();
    }

    // ------------------------------------------------------------------------------------------------
    // Running, stopping, closing

    @Override
    public void runForever() {
        checkClosed();
        checkRunning();
        Strand strand = Strand.current();
        if (strand.runningLoop != null) {
            throw new RuntimeError("Cannot run the event loop while another loop is running");
        }
        owner = strand;
        ownerThread = Thread.currentThread();
        strand.runningLoop = this;
        LoopHooks previousHooks = strand.loopHooks;
        strand.loopHooks = hooks;
        try {
            while (true) {
                runOnce(strand);
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            strand.loopHooks = previousHooks;
            strand.runningLoop = null;
            owner = null;
            ownerThread = null;
        }
    }

    @Override
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        checkClosed();
        checkRunning();
        boolean newTask = !(awaitable instanceof Future<?>);
        Future<T> future = Task.ensureFuture(awaitable, this);
        java.util.function.Consumer<Future<T>> stopWhenDone = f -> f.getLoop().stop();
        future.addDoneCallback(stopWhenDone);
        try {
            runForever();
        } catch (Throwable t) {
            if (newTask && future.isDone() && !future.isCancelled()) {
                future.exception(); // mark it retrieved: the error is propagating already
            }
            throw t;
        } finally {
            future.removeDoneCallback(stopWhenDone);
        }
        if (!future.isDone()) {
            throw new RuntimeError("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public boolean isRunning() {
        return owner != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (isRunning()) {
            throw new RuntimeError("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        intakeClosed = true;
        closed = true;
        IllegalStateException error = new LoopClosedError();
        List<LoopCloseListener> toTell = new ArrayList<>(waiters);
        waiters.clear();
        for (Object queued : ready) {
            if (queued instanceof Handle h && h.callback instanceof LoopCloseListener l && !h.cancelled) {
                toTell.add(l);
            }
        }
        ready.clear();
        Handle h;
        while ((h = incoming.poll()) != null) {
            if (h.callback instanceof LoopCloseListener l && !h.cancelled) {
                toTell.add(l);
            }
        }
        for (LoopCloseListener l : toTell) {
            try {
                l.loopClosed(error);
            } catch (RuntimeException e) {
                callExceptionHandler(ExceptionContext.of("Exception telling a waiter the loop closed", e));
            }
        }
        timers.clear();
        cancelledTimers = 0;
        for (Task<?> t : tasks.snapshot()) {
            callExceptionHandler(ExceptionContext.of("Task was destroyed but it is pending!").withTask(t));
        }
        if (defaultExecutor != null) {
            defaultExecutor.shutdown();
            defaultExecutor = null;
        }
        io().close();
    }

    /** Refuses other threads' calls from now on (shutdown begins); the loop's own thread still schedules. */
    final void closeIntake() {
        intakeClosed = true;
    }

    /** True once shutdown began: work handed in from other threads must not start anything new. */
    final boolean intakeClosed() {
        return intakeClosed;
    }

    /** {@code waiter} waits on this loop from another thread (loop thread): tell it if the loop closes. */
    final void addWaiter(LoopCloseListener waiter) {
        waiters.add(waiter);
    }

    /** {@code waiter} got its answer (loop thread). */
    final void removeWaiter(LoopCloseListener waiter) {
        waiters.remove(waiter);
    }

    final void checkClosed() {
        if (closed) {
            throw new LoopClosedError();
        }
    }

    private void checkRunning() {
        if (isRunning()) {
            throw new RuntimeError("This event loop is already running");
        }
    }

    /**
     * The loop's own methods may be called only on its logical thread while it runs, in every mode (CPython
     * checks in debug mode only). The cost is one read: the owner's thread against the current one; only
     * a body on a fiber of the threads engine (another JVM thread, the same logical thread) and a real
     * foreign thread take the slower path through the strand.
     */
    final void checkThread() {
        Thread t = ownerThread;
        if (t != null && t != Thread.currentThread()) {
            checkStrand();
        }
    }

    /**
     * {@link #checkThread()}, returning the caller's strand: on the loop's own thread that is the owner, so
     * the loop's methods need no thread-local lookup there.
     */
    private Strand callerStrand() {
        Thread t = ownerThread;
        if (t == Thread.currentThread()) {
            return owner; // written by this very thread before ownerThread
        }
        Strand s = Strand.current();
        Strand o = owner;
        if (t != null && o != null && o != s) {
            throw new RuntimeError(
                    "Non-thread-safe operation invoked on an event loop other than the current one");
        }
        return s;
    }

    private void checkStrand() {
        Strand o = owner;
        if (o != null && o != Strand.current()) {
            throw new RuntimeError(
                    "Non-thread-safe operation invoked on an event loop other than the current one");
        }
    }

    @Override
    public final boolean inLoopThread() {
        Strand o = owner;
        return o != null && o == Strand.current();
    }

    // ------------------------------------------------------------------------------------------------
    // Scheduling

    @Override
    public double time() {
        return nanoTime() / 1e9;
    }

    @Override
    public Handle callSoon(Runnable callback) {
        return callSoon(callback, null);
    }

    @Override
    public Handle callSoon(Runnable callback, Context context) {
        checkClosed();
        Strand strand = callerStrand();
        Handle h = new Handle(Objects.requireNonNull(callback, "callback"),
                context != null ? context : Handle.snapshot(strand));
        ready.add(h);
        return h;
    }

    @Override
    public TimerHandle callLater(double delaySeconds, Runnable callback) {
        return callLater(delaySeconds, callback, null);
    }

    @Override
    public TimerHandle callLater(double delaySeconds, Runnable callback, Context context) {
        return callAtNanos(nanoTime() + toNanos(delaySeconds), callback, context);
    }

    @Override
    public TimerHandle callAt(double when, Runnable callback) {
        return callAt(when, callback, null);
    }

    @Override
    public TimerHandle callAt(double when, Runnable callback, Context context) {
        return callAtNanos(toNanos(when), callback, context);
    }

    private static long toNanos(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new ValueError("delay must not be NaN");
        }
        double nanos = seconds * 1e9;
        if (nanos >= Long.MAX_VALUE / 4) {
            return Long.MAX_VALUE / 4;
        }
        if (nanos <= Long.MIN_VALUE / 4) {
            return Long.MIN_VALUE / 4;
        }
        return (long) Math.ceil(nanos);
    }

    final TimerHandle callAtNanos(long whenNanos, Runnable callback, Context context) {
        checkClosed();
        Strand strand = callerStrand();
        TimerHandle t = new TimerHandle(whenNanos, timerSequence++, Objects.requireNonNull(callback, "callback"),
                context != null ? context : Handle.snapshot(strand), this);
        t.scheduled = true;
        timers.add(t);
        return t;
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoonThreadsafe(callback, null);
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback, Context context) {
        return enqueueThreadsafe(callback, context, false);
    }

    /** {@code callSoonThreadsafe} for the loop's own helpers, accepted until the loop is closed. */
    final Handle callSoonInternal(Runnable callback) {
        return enqueueThreadsafe(callback, null, true);
    }

    private Handle enqueueThreadsafe(Runnable callback, Context context, boolean internal) {
        checkClosed();
        Strand strand = Strand.current();
        Context ctx = context != null ? context : Handle.snapshot(strand);
        boolean inLoop = owner == strand;
        ThreadContextPropagator propagator = threadContext;
        Object captured = propagator == null || inLoop ? null : propagator.capture();
        Handle h = captured == null ? new Handle(Objects.requireNonNull(callback, "callback"), ctx)
                : new ThreadBoundHandle(Objects.requireNonNull(callback, "callback"), ctx, propagator, captured);
        if (inLoop) {
            ready.add(h); // the same FIFO as callSoon, as CPython's single deque gives
            return h;
        }
        if (!internal) {
            awaitRoom();
            if (intakeClosed) {
                throw new LoopClosedError();
            }
        }
        BACKLOG.getAndAdd(this, 1);
        incoming.add(h);
        if (!internal && intakeClosed && incoming.remove(h)) {
            BACKLOG.getAndAdd(this, -1);
            throw new LoopClosedError(); // taken back: the closer never saw it
        }
        // The loop sets `selecting` before it re-checks `incoming` and waits: either it sees this handle,
        // or we see it selecting and wake it. The CAS makes many concurrent calls one wakeup.
        if (selecting == 1 && SELECTING.compareAndSet(this, 1, 0)) {
            io().wakeup();
        }
        return h;
    }

    // ------------------------------------------------------------------------------------------------
    // Futures and tasks

    @Override
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null, null);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return createTask(coro, name, null);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        checkClosed();
        checkThread();
        TaskFactory factory = taskFactory;
        if (factory != null) {
            return factory.create(this, coro, name, context);
        }
        return new Task<>(this, coro, name, context, false);
    }

    @Override
    public void setTaskFactory(TaskFactory factory) {
        this.taskFactory = factory;
    }

    @Override
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    // ------------------------------------------------------------------------------------------------
    // Async generators

    /** What this loop offers the layers below it through the strand, kept off its public API. */
    private final LoopHooks hooks = new LoopHooks() {
        @Override
        public boolean debug() {
            return debug;
        }

        @Override
        public void reportLater(String message, Throwable exception, Object subject) {
            BaseEventLoop.this.reportLater(message, exception, subject);
        }

        @Override
        public void firstIter(Object asyncGenerator) {
            asyncgens.add((AsyncGenerator<?>) asyncGenerator);
        }
    };

    /**
     * {@code loop.shutdown_asyncgens()}: closes every async generator first iterated on this loop that
     * is still suspended, concurrently; an error while closing goes to the exception handler.
     */
    public Coroutine<Void> shutdownAsyncgens() {
        return Coroutine.of("shutdown_asyncgens", a -> {
            java.util.List<AsyncGenerator<?>> closing = new java.util.ArrayList<>();
            for (AsyncGenerator<?> g : asyncgens) {
                if (!g.isFinished()) {
                    closing.add(g);
                }
            }
            asyncgens.clear();
            if (closing.isEmpty()) {
                return null;
            }
            java.util.List<Coroutine<Void>> closes = new java.util.ArrayList<>();
            for (AsyncGenerator<?> g : closing) {
                closes.add(g.aclose());
            }
            java.util.List<Object> results = a.await(Gather.of(closes, true));
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof Throwable t && !(t instanceof CancelledError)) {
                    callExceptionHandler(ExceptionContext.of("an error occurred during closing of asynchronous "
                            + "generator " + closing.get(i), t).with("asyncgen", closing.get(i)));
                }
            }
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------------
    // Threads

    private java.util.concurrent.ExecutorService defaultExecutor;

    @Override
    public <T> Future<T> runInExecutor(java.util.concurrent.Executor executor, java.util.concurrent.Callable<T> fn) {
        checkClosed();
        Objects.requireNonNull(fn, "fn");
        java.util.concurrent.Executor target = executor;
        if (target == null) {
            if (defaultExecutor == null) {
                defaultExecutor = java.util.concurrent.Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("asyncio-", 0).factory());
            }
            target = defaultExecutor;
        }
        return ThreadFutures.runInExecutor(fn, target, this);
    }

    @Override
    public Coroutine<Void> shutdownDefaultExecutor() {
        return Coroutine.of("shutdown_default_executor", a -> {
            java.util.concurrent.ExecutorService executor = defaultExecutor;
            if (executor == null) {
                return null;
            }
            defaultExecutor = null;
            Future<Void> joined = createFuture();
            Thread.ofPlatform().daemon().name("asyncio-executor-shutdown").start(() -> {
                executor.close(); // waits for the calls in flight
                try {
                    callSoonInternal(() -> {
                        if (!joined.isDone()) {
                            joined.setResult(null);
                        }
                    });
                } catch (LoopClosedError closed) {
                    // the loop closed while the executor drained: nobody awaits the join any more
                }
            });
            a.await(joined);
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------------
    // Errors and debug

    @Override
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    @Override
    public void callExceptionHandler(ExceptionContext context) {
        ExceptionHandler h = exceptionHandler;
        if (h == null) {
            try {
                defaultExceptionHandler(context);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                System.getLogger("dev.aiobridge").log(System.Logger.Level.ERROR,
                        "Exception in default exception handler", t);
            }
            return;
        }
        try {
            h.handle(this, context);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            try {
                defaultExceptionHandler(new ExceptionContext("Unhandled error in exception handler", t,
                        null, null, null, java.util.Map.of("context", context)));
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable again) {
                System.getLogger("dev.aiobridge").log(System.Logger.Level.ERROR,
                        "Exception in default exception handler while handling an unexpected error "
                                + "in custom exception handler", again);
            }
        }
    }

    @Override
    public void defaultExceptionHandler(ExceptionContext context) {
        StringBuilder text = new StringBuilder(context.message());
        context.toMap().forEach((k, v) -> {
            if (!k.equals("message") && !k.equals("exception")) {
                text.append('\n').append(k).append(": ").append(v);
            }
        });
        System.getLogger("dev.aiobridge").log(System.Logger.Level.ERROR, text.toString(), context.exception());
    }

    /** From the cleaner thread: hand a report to the handler on the loop's thread, or log it. */
    final void reportLater(String message, Throwable exception, Object subject) {
        ExceptionContext ctx = new ExceptionContext(message, exception, null,
                subject instanceof Future<?> f && !(f instanceof Task<?>) ? f : null,
                subject instanceof Task<?> t ? t : null, java.util.Map.of());
        if (!offerThreadsafe(() -> callExceptionHandler(ctx))) {
            defaultExceptionHandler(ctx); // the loop is closed: logged instead
        }
    }

    @Override
    public boolean getDebug() {
        return debug;
    }

    @Override
    public void setDebug(boolean debug) {
        if (debug != this.debug) {
            Debug.loopDebug(debug);
        }
        this.debug = debug;
    }

    @Override
    public double getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    @Override
    public void setSlowCallbackDuration(double seconds) {
        this.slowCallbackDuration = seconds;
    }

    @Override
    public void setThreadContextPropagator(ThreadContextPropagator propagator) {
        this.threadContext = propagator;
    }

    @Override
    public ThreadContextPropagator getThreadContextPropagator() {
        return threadContext;
    }

    /** A callback handed in from another thread, run with that thread's captured state restored. */
    private static final class ThreadBoundHandle extends Handle {
        private final ThreadContextPropagator propagator;
        private final Object captured;

        ThreadBoundHandle(Runnable callback, Context context, ThreadContextPropagator propagator,
                          Object captured) {
            super(callback, context);
            this.propagator = propagator;
            this.captured = captured;
        }

        @Override
        void invoke(Strand strand) {
            try (ThreadContextPropagator.Scope restored = propagator.restore(captured)) {
                callback.run();
            }
        }
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " running=" + isRunning() + " closed=" + closed
                + " debug=" + debug + ">";
    }
}
