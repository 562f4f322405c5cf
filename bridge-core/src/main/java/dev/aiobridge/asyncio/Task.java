package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RecursionError;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.internal.engine.Secrets;
import dev.aiobridge.internal.engine.Strand;
import dev.aiobridge.internal.gen.Frame;
import java.io.PrintStream;
import java.util.List;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.Awaitable;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * asyncio's {@code Task}: a {@link Future} that drives a {@link Coroutine} on its loop, one
 * {@linkplain #step step} per turn. The essay's callback chain, as in CPython's {@code tasks.py}:
 * {@code step} sends into the coroutine; when the coroutine yields a pending future (an {@code await}
 * of it), the task registers its {@code wakeup} as that future's done callback; the future's completion
 * schedules {@code wakeup} with {@code loop.callSoon}; {@code wakeup} calls {@code step} again. A bare
 * yield ({@code sleep(0)}) schedules the next step directly.
 *
 * <p>Invariant: a task that is not done has exactly one thing that will step it again: a scheduled step,
 * or the done callback on {@code futWaiter} (a {@link Future}, or a {@link FutureLike} of the user's own).
 * Cancellation is one {@link CancelledError} thrown into the
 * coroutine at its suspension point; {@link #cancel} of a task waiting on a future cancels that future,
 * so a cancelled task awaiting another task cancels that task too.
 *
 * @param <T> the type of the coroutine's result
 */
public final class Task<T> extends Future<T> {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Secrets.CoroutineStep STEP = Secrets.coroutineStep(Coroutine.class);
    private static final Secrets.ContextEntry CONTEXT = Secrets.contextEntry(Context.class);

    /** asyncio's {@code eager_task_factory} (3.12): tasks run their first step at once, inside createTask. */
    public static final EventLoop.TaskFactory EAGER_FACTORY = new EventLoop.TaskFactory() {
        @Override
        public <R> Task<R> create(EventLoop loop, Coroutine<R> coro, String name, Context context) {
            return new Task<>(loop, coro, name, context, true);
        }
    };

    private final Coroutine<T> coro;
    /**
     * What the task's steps run in: at first the shared snapshot of the creator's context (no copy per
     * task: a snapshot is never changed), then, once a {@link dev.aiobridge.context.ContextVar#set} inside
     * the task or {@link #getContext()} made it private, the task's own copy (copy on write).
     */
    private Context context;
    /**
     * The name given (a String), or null for "Task-" + number (made on demand: most tasks are never named);
     * or, for the tasks of a loop with a ThreadContextPropagator, their {@link ThreadBinding}, which holds
     * the name (one field for the two: few tasks have either).
     */
    private Object extra;
    private final long number;
    private int cancelsRequested;
    private boolean mustCancel;
    /** The future this task waits for: a {@link Future} (its fast path) or a {@link FutureLike}; else null. */
    private Object futWaiter;
    /**
     * The step in the loop's ready queue, if any: the task is its own step and wakeup handle there (a
     * task has at most one step pending: the invariant), so nothing is allocated per await, nor per task.
     */
    private byte queued = NOTHING_QUEUED;
    private static final byte NOTHING_QUEUED = 0;
    /** A plain step is queued ({@code __step()}). */
    private static final byte STEP_QUEUED = 1;
    /** The wakeup by {@code futWaiter}, now done, is queued ({@code __wakeup(fut)}). */
    private static final byte WAKEUP_QUEUED = 2;

    // The loop's registry of pending tasks is an intrusive list through these fields.
    Task<?> registryPrev;
    Task<?> registryNext;

    /**
     * A task for {@code coro} on {@code loop} (prefer {@code loop.createTask}). {@code name} null gives
     * "Task-N"; {@code context} null a copy of the current context. With {@code eagerStart} and the loop
     * running here, the first step runs now; otherwise it is scheduled with {@code callSoon}.
     */
    public Task(EventLoop loop, Coroutine<T> coro, String name, Context context, boolean eagerStart) {
        super(loop);
        this.coro = Objects.requireNonNull(coro, "a coroutine was expected, got null");
        this.extra = name;
        this.number = name == null ? COUNTER.incrementAndGet() : 0;
        this.context = context != null ? context : (Context) CONTEXT.snapshot(Strand.current());
        BaseEventLoop base = base();
        ThreadContextPropagator propagator = base.threadContext;
        Object captured = propagator == null ? null : propagator.capture();
        if (captured != null) {
            this.extra = new ThreadBinding(propagator, captured, name);
        }
        if (eagerStart && base.inLoopThread()) {
            eagerStart(base);
        } else {
            scheduleStep(null);
            base.tasks.add(this);
        }
    }

    /**
     * CPython {@code tasks.ensure_future}: a future stays as it is (it must belong to {@code loop} if one
     * is given), a coroutine becomes a task, any other awaitable becomes a task awaiting it; on
     * {@code loop}, or the running loop when null.
     */
    @SuppressWarnings("unchecked")
    static <T> Future<T> ensureFuture(Awaitable<T> awaitable, EventLoop loop) {
        Objects.requireNonNull(awaitable, "An asyncio.Future, a coroutine or an awaitable is required");
        if (awaitable instanceof Future<?> f) {
            if (loop != null && f.getLoop() != loop) {
                throw new ValueError(
                        "The future belongs to a different loop than the one specified as the loop argument");
            }
            return (Future<T>) f;
        }
        EventLoop target = loop != null ? loop : Running.loop();
        if (awaitable instanceof Coroutine<T> coro) {
            return target.createTask(coro);
        }
        return target.createTask(Coroutine.of(a -> a.await(awaitable)));
    }

    /** CPython {@code tasks.all_tasks(loop)}: the pending tasks of {@code loop}, oldest first. */
    static Set<Task<?>> allTasks(EventLoop loop) {
        if (loop instanceof BaseEventLoop base) {
            return new LinkedHashSet<>(base.tasks.snapshot());
        }
        return Set.of();
    }

    private BaseEventLoop base() {
        if (loop instanceof BaseEventLoop base) {
            return base;
        }
        throw new IllegalArgumentException("tasks need an aiobridge event loop, got " + loop);
    }

    /** The task's name. */
    public String getName() {
        Object x = extra;
        String n = x instanceof ThreadBinding b ? b.name : (String) x;
        return n != null ? n : "Task-" + number;
    }

    /** Renames the task. */
    public void setName(String name) {
        String n = String.valueOf(name);
        if (extra instanceof ThreadBinding b) {
            b.name = n;
        } else {
            extra = n;
        }
    }

    /** The coroutine the task drives. */
    public Coroutine<T> getCoro() {
        return coro;
    }

    /** The context the task's steps run in. */
    public Context getContext() {
        Context c = context;
        if (CONTEXT.isShared(c)) {
            // The task's own from now on (what the caller does to it, the task sees): the private copy made
            // now, current in place of the snapshot if the task is running it.
            Strand strand = Strand.current();
            c = strand.currentTask == this && strand.context == c ? (Context) CONTEXT.currentForWrite(strand) : c.copy();
            context = c;
        }
        return c;
    }

    /** Tasks are completed by their coroutine only: always raises (Python's RuntimeError). */
    @Override
    public void setResult(T value) {
        throw new RuntimeError("Task does not support set_result operation");
    }

    /** Tasks are completed by their coroutine only: always raises (Python's RuntimeError). */
    @Override
    public void setException(Throwable error) {
        throw new RuntimeError("Task does not support set_exception operation");
    }

    // ------------------------------------------------------------------------------------------------
    // Cancellation

    /**
     * Requests cancellation: returns false if the task is done; otherwise counts the request
     * ({@link #cancelling()}), cancels the future the task waits on if any, else arranges for a
     * {@link CancelledError} to be thrown into the coroutine at its next step, and returns true. The task
     * is not cancelled yet: it ends cancelled only if the coroutine lets the error propagate.
     */
    @Override
    public boolean cancel(String message) {
        markRetrieved();
        if (isDone()) {
            return false;
        }
        cancelsRequested++;
        Object waiter = futWaiter;
        if (waiter instanceof Future<?> f ? f.cancel(message)
                : waiter instanceof FutureLike<?> foreign && foreign.cancel(message)) {
            // Leave futWaiter: it may be a task that ignores the cancellation, to be cancelled again.
            return true;
        }
        // The step is already scheduled (the invariant); it will throw the CancelledError in.
        mustCancel = true;
        setCancelMessage(message);
        return true;
    }

    /** How many cancellation requests are pending (3.11's {@code cancelling()}). */
    public int cancelling() {
        return cancelsRequested;
    }

    /**
     * Takes back one cancellation request; returns the count left (never below 0). At 0 a requested but
     * undelivered cancellation is dropped (3.13).
     */
    public int uncancel() {
        if (cancelsRequested > 0) {
            cancelsRequested--;
            if (cancelsRequested == 0) {
                mustCancel = false;
            }
        }
        return cancelsRequested;
    }

    // ------------------------------------------------------------------------------------------------
    // step and wakeup: CPython Task.__step and Task.__wakeup

    /** One step: runs the coroutine until it awaits, then arranges the next step. */
    private void step(Throwable exc, Strand strand) {
        if (isDone()) {
            throw new InvalidStateError("_step(): already done: " + this + ", " + exc);
        }
        if (mustCancel) {
            if (!(exc instanceof CancelledError)) {
                exc = makeCancelledError();
            }
            mustCancel = false;
        }
        futWaiter = null;
        Object previous = strand.currentTask;
        if (previous != null) {
            throw new RuntimeError("Cannot enter into task " + this + " while another task "
                    + previous + " is being executed.");
        }
        strand.currentTask = this;
        try {
            runAndHandleResult(exc, strand);
        } finally {
            strand.currentTask = null;
        }
    }

    private void runAndHandleResult(Throwable exc, Strand strand) {
        Object result;
        Context ran = context;
        if (!(extra instanceof ThreadBinding binding)) {
            result = STEP.step(coro, null, exc);
        } else {
            // The thread-bound state captured at creation is in place for the whole step, on this
            // thread and (threads engine) on the thread of any fiber the step resumes.
            Runnable outer = strand.threadBound;
            strand.threadBound = binding;
            try (ThreadContextPropagator.Scope restored = binding.propagator.restore(binding.state)) {
                result = STEP.step(coro, null, exc);
            } finally {
                strand.threadBound = outer;
            }
        }
        if (CONTEXT.isShared(ran) && strand.context != ran && strand.context != null) {
            // A ContextVar.set in the step made the snapshot private: the copy is the task's from now on.
            context = (Context) strand.context;
        }
        if (result instanceof Frame.Finished end) {
            finish(end);
            return;
        }
        if (result instanceof Future<?> future) {
            if (future.loop != loop) {
                scheduleStep(new RuntimeError(
                        "Task " + this + " got Future " + future + " attached to a different loop"));
            } else if (future.blocking) {
                if (future == this) {
                    scheduleStep(new RuntimeError("Task cannot await on itself: " + this));
                } else {
                    future.blocking = false;
                    future.addCallback(this, null); // the task is its own wakeup, in its context: see wake
                    futWaiter = future;
                    if (mustCancel && future.cancel(cancelMessage())) {
                        mustCancel = false;
                    }
                }
            } else {
                scheduleStep(new RuntimeError(
                        "yield was used instead of yield from in task " + this + " with " + future));
            }
        } else if (result instanceof FutureLike<?> foreign) {
            waitFor(foreign);
        } else if (result == null) {
            // A bare yield relinquishes control for one iteration of the loop.
            scheduleStep(null);
        } else if (result instanceof Generator<?, ?, ?>) {
            scheduleStep(new RuntimeError(
                    "yield was used instead of yield from for generator in task " + this + " with " + result));
        } else {
            scheduleStep(new RuntimeError("Task got bad yield: " + repr(result)));
        }
    }

    private void finish(Frame.Finished end) {
        base().tasks.remove(this);
        Throwable error = end.error();
        if (error == null) {
            if (mustCancel) {
                // Cancelled right before the coroutine returned.
                mustCancel = false;
                super.cancel(cancelMessage());
            } else {
                @SuppressWarnings("unchecked")
                T value = (T) end.value();
                super.setResult(value);
            }
        } else if (error instanceof CancelledError cancelled) {
            super.cancel(null);
            saveCancelledError(cancelled); // raised again, the same object, by result()
        } else {
            super.setException(error);
            if (error instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        }
    }

    /**
     * CPython {@code Task.__step} for a Future-like of the user's own (duck typing): the rules of the
     * {@link Future} branch, through the public protocol.
     */
    private void waitFor(FutureLike<?> foreign) {
        if (foreign.getLoop() != loop) {
            scheduleStep(new RuntimeError(
                    "Task " + this + " got Future " + foreign + " attached to a different loop"));
        } else if (foreign.isBlocking()) {
            foreign.setBlocking(false);
            // The foreign future keeps the context it is given: the task's own copy, which stays its own.
            foreign.addDoneCallback(this::wakeup, getContext());
            futWaiter = foreign;
            if (mustCancel && foreign.cancel(cancelMessage())) {
                mustCancel = false;
            }
        } else {
            scheduleStep(new RuntimeError(
                    "yield was used instead of yield from in task " + this + " with " + foreign));
        }
    }

    /** {@code __wakeup} for a Future-like, called on the loop by its done callback. */
    private void wakeup(FutureLike<?> foreign) {
        Throwable exc = null;
        try {
            foreign.result();
        } catch (Throwable t) {
            exc = t; // this may also be a cancellation
        }
        step(exc, Strand.current());
    }

    /** Woken by the future it waited on: step again, throwing in the future's exception if any. */
    private void wakeup(Future<?> future, Strand strand) {
        Throwable exc = null;
        try {
            future.result();
        } catch (Throwable t) {
            exc = t; // this may also be a cancellation
        }
        step(exc, strand);
    }

    private void eagerStart(BaseEventLoop base) {
        Strand strand = Strand.current();
        if (strand.currentTask == this) {
            throw new IllegalStateException("eager start of a running task");
        }
        Object previous = strand.currentTask;
        strand.currentTask = this;
        Context ctx = context;
        Object previousContext = CONTEXT.enter(ctx, strand);
        try {
            runAndHandleResult(null, strand);
        } finally {
            CONTEXT.exit(ctx, strand, previousContext);
            strand.currentTask = previous;
        }
        if (!isDone()) {
            base.tasks.add(this);
        }
    }

    /** Schedules the next step, throwing {@code e} in (null: a plain step). */
    private void scheduleStep(Throwable e) {
        if (queued != NOTHING_QUEUED || e != null) {
            // Not the task's own fast path: an error to throw in (rare), or a step already queued
            // (which the invariant excludes).
            loop.callSoon(() -> step(e, Strand.current()), context);
            return;
        }
        queued = STEP_QUEUED;
        base().scheduleReady(this);
    }

    /**
     * {@code future}, which the task registered itself on, is done: schedule the wakeup, in the task's
     * context (as CPython registers {@code __wakeup} with the task's context).
     */
    final void wake(Future<?> future) {
        if (queued != NOTHING_QUEUED || future != futWaiter) {
            loop.callSoon(() -> wakeup(future, Strand.current()), context);
            return;
        }
        queued = WAKEUP_QUEUED;
        base().scheduleReady(this);
    }

    /**
     * Runs the queued step or wakeup, called by the loop: what {@link Handle#run} does for a callback, in
     * the task's context; an exception that escapes the step goes to the loop's handler.
     */
    final void runQueued(Strand strand) {
        byte q = queued;
        queued = NOTHING_QUEUED;
        Context ctx = context;
        Object previous = CONTEXT.enter(ctx, strand);
        try {
            if (q == WAKEUP_QUEUED) {
                wakeup((Future<?>) futWaiter, strand);
            } else {
                step(null, strand);
            }
        } catch (StackOverflowError overflow) {
            reportStepError(new RecursionError("maximum recursion depth exceeded (the stack overflowed)", overflow));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            reportStepError(t);
        } finally {
            CONTEXT.exit(ctx, strand, previous);
        }
    }

    private void reportStepError(Throwable error) {
        BaseEventLoop base = base();
        Handle handle = new Handle(() -> { }, context) {
            @Override
            public String toString() {
                return "<Handle Task.step(" + getName() + ")>";
            }
        };
        base.callExceptionHandler(ExceptionContext.of("Exception in callback " + handle, error).withHandle(handle));
    }

    /**
     * What a {@link ThreadContextPropagator} captured when the task was created, with the propagator; as a
     * Runnable it puts that state on a fiber's own thread (threads engine). One object, and only for the
     * tasks of a loop that has a propagator; it holds the task's name too (see {@code extra}).
     */
    private static final class ThreadBinding implements Runnable {
        final ThreadContextPropagator propagator;
        final Object state;
        /** The task's name given, or null. */
        String name;

        ThreadBinding(ThreadContextPropagator propagator, Object state, String name) {
            this.propagator = propagator;
            this.state = state;
            this.name = name;
        }

        @Override
        public void run() {
            propagator.restore(state);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Introspection

    /**
     * Where the task's coroutine is suspended: the stack of its continuation, innermost call first,
     * without aiobridge's and the JDK's own frames (asyncio's {@code get_stack}). Empty when the task is
     * done or has not started.
     */
    public List<StackTraceElement> getStack() {
        return StackFilter.userFrames(coro.suspendedStack());
    }

    /** Prints the task and {@link #getStack()} to {@code out} (asyncio's {@code print_stack}). */
    public void printStack(PrintStream out) {
        out.println("Stack for " + this + " (most recent call first):");
        for (StackTraceElement e : getStack()) {
            out.println("  at " + e);
        }
    }

    @Override
    public String toString() {
        return "<Task " + stateText() + " name='" + getName() + "' coro=" + coro + ">";
    }

    /** Python's repr() for the few value types a bad yield reports. */
    private static String repr(Object o) {
        if (o instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(o);
    }
}
