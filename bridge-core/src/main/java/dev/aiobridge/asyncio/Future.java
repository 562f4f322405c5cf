package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.builtins.TypeError;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.InlineAwaitable;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import dev.aiobridge.generator.Yielder;
import dev.aiobridge.internal.engine.Rethrow;
import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * asyncio's {@code Future}: a result that will exist later, bound to one event loop. It is pending, then
 * done with a result, an exception, or cancelled. Done callbacks are never called inline: completing
 * the future schedules each with {@code loop.callSoon}, in registration order, in the context captured
 * when it was added.
 *
 * <p>Awaiting it is the essay's thesis made literal: {@code await future} is
 * {@code yield from future.awaitGenerator()}, and that generator is "if not done, yield me (the task
 * registers its wakeup on me); then return my result".
 *
 * <p>Not thread-safe: use it on its loop's thread ({@code loop.callSoonThreadsafe} to complete it from
 * another). A future that fails and whose exception is never retrieved is reported to the loop's
 * exception handler when it is garbage collected ("Future exception was never retrieved").
 *
 * @param <T> the type of the result
 */
public class Future<T> implements InlineAwaitable<T> {
    private static final byte PENDING = 0;
    private static final byte CANCELLED = 1;
    private static final byte FINISHED = 2;
    /** Finished with an exception: {@code result} holds it. */
    private static final byte FAILED = 3;

    private static final Cleaner CLEANER = Cleaner.create();

    final EventLoop loop;
    private byte state = PENDING;
    /**
     * The result (FINISHED), the exception (FAILED), or, pending or CANCELLED, what a cancellation raises:
     * the message given to cancel (a String), or the CancelledError a task saved to raise again from
     * result() (CPython's _cancel_message and _cancelled_exc: a task that saves one has no message). A
     * future has one of them at a time: one field for all.
     */
    private Object result;
    /** True when the future was yielded by its own awaitGenerator (CPython _asyncio_future_blocking). */
    boolean blocking;

    // Done callbacks: the first inline (most futures have exactly one, the waiting task), more in a list.
    // A task registered on it is its own wakeup, which runs in the task's own context: it keeps no context.
    private Object callback0;
    private Context context0;
    /**
     * While pending: the done callbacks after the first ({@link MoreCallbacks}, or null). Once failed: the
     * watch for "exception was never retrieved" ({@link UnretrievedException}) until the exception is
     * retrieved. One field for the two, as the callbacks are gone once the future is done.
     */
    private Object more;

    /**
     * The done callbacks after the first, in registration order: a task in one slot, any other callback in
     * two (the callback, then its context).
     */
    private static final class MoreCallbacks {
        Object[] items = new Object[4];
        /** Slots in use. */
        int size;

        void add(Object callback, Context context) {
            int need = callback instanceof Task ? 1 : 2;
            if (size + need > items.length) {
                items = java.util.Arrays.copyOf(items, items.length * 2);
            }
            items[size++] = callback;
            if (need == 2) {
                items[size++] = context;
            }
        }
    }

    /** A pending future on {@code loop} (prefer {@code loop.createFuture()}). */
    public Future(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** The loop this future belongs to ({@code get_loop()}). */
    public EventLoop getLoop() {
        return loop;
    }

    /** True once the future has a result or an exception, or was cancelled. */
    public boolean isDone() {
        return state != PENDING;
    }

    /** True if the future was cancelled. */
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * The result. Raises the future's exception (the same object) if it has one, a {@link CancelledError}
     * if it was cancelled, {@link InvalidStateError} "Result is not set." while pending.
     */
    public T result() {
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (state == PENDING) {
            throw new InvalidStateError("Result is not set.");
        }
        markRetrieved();
        if (state == FAILED) {
            throw Rethrow.unchecked((Throwable) result);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result;
        return value;
    }

    /**
     * The exception (null if the future has a result). Raises a {@link CancelledError} if it was
     * cancelled, {@link InvalidStateError} "Exception is not set." while pending.
     */
    public Throwable exception() {
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (state == PENDING) {
            throw new InvalidStateError("Exception is not set.");
        }
        markRetrieved();
        return state == FAILED ? (Throwable) result : null;
    }

    /** Cancels the future: see {@link #cancel(String)}. */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future with a message: if it is pending it becomes cancelled, its callbacks are
     * scheduled, and this returns true; otherwise it returns false and nothing changes.
     */
    public boolean cancel(String message) {
        markRetrieved();
        if (state != PENDING) {
            return false;
        }
        state = CANCELLED;
        result = message;
        scheduleCallbacks();
        return true;
    }

    /** Completes the future with {@code value}; {@link InvalidStateError} "invalid state" if it is done. */
    public void setResult(T value) {
        if (state != PENDING) {
            throw new InvalidStateError("invalid state");
        }
        result = value;
        state = FINISHED;
        scheduleCallbacks();
    }

    /**
     * Completes the future with {@code error}; {@link InvalidStateError} "invalid state" if it is done. A
     * {@link StopIteration} is refused (Python's TypeError: it interacts badly with generators).
     */
    public void setException(Throwable error) {
        Objects.requireNonNull(error, "error");
        if (state != PENDING) {
            throw new InvalidStateError("invalid state");
        }
        if (error instanceof StopIteration) {
            throw new TypeError(
                    "StopIteration interacts badly with generators and cannot be raised into a Future");
        }
        result = error;
        state = FAILED;
        scheduleCallbacks();
        UnretrievedException watch = new UnretrievedException(error, loop, getClass().getSimpleName(), this);
        more = watch; // the callbacks were taken by scheduleCallbacks
        CLEANER.register(this, watch);
    }

    /** Marks the exception seen: no "never retrieved" report. */
    final void markRetrieved() {
        if (more instanceof UnretrievedException u) {
            u.retrieved = true;
            more = null;
        }
    }

    /** The message given to {@link #cancel(String)}, or null. */
    final String cancelMessage() {
        return (state == PENDING || state == CANCELLED) && result instanceof String message ? message : null;
    }

    /** Sets the message a later CancelledError carries (a task's pending cancellation). */
    final void setCancelMessage(String message) {
        result = message; // pending: the slot is free until the task ends
    }

    /** Saves the CancelledError a task ended with, for result() to raise again (the same object, once). */
    final void saveCancelledError(CancelledError error) {
        result = error;
    }

    /** CPython {@code _make_cancelled_error}: the saved error of a task, else a new one with the message. */
    CancelledError makeCancelledError() {
        Object c = state == PENDING || state == CANCELLED ? result : null;
        if (c instanceof CancelledError saved) {
            result = null;
            return saved;
        }
        return new CancelledError((String) c);
    }

    // ------------------------------------------------------------------------------------------------
    // Done callbacks

    /**
     * Calls {@code callback} with this future once it is done, in a copy of the current context. Never
     * inline: if the future is already done the call is scheduled with {@code loop.callSoon}.
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        addDoneCallback(callback, null);
    }

    /** {@link #addDoneCallback(Consumer)} in {@code context} (null: a copy of the current context). */
    public void addDoneCallback(Consumer<? super Future<T>> callback, Context context) {
        addCallback(Objects.requireNonNull(callback, "callback"), context);
    }

    /**
     * Registers a done callback (no allocation for the first one): a Consumer in {@code context} (null: a
     * snapshot of the current one), or a task, whose wakeup runs in its own context ({@code context} unused).
     */
    final void addCallback(Object callback, Context context) {
        if (callback instanceof Task) {
            context = null;
        } else if (context == null) {
            context = Handle.snapshot(dev.aiobridge.internal.engine.Strand.current());
        }
        if (state != PENDING) {
            schedule(callback, context);
            return;
        }
        MoreCallbacks m = (MoreCallbacks) more; // pending: more holds callbacks or nothing
        if (callback0 == null && (m == null || m.size == 0)) {
            callback0 = callback;
            context0 = context;
            return;
        }
        if (m == null) {
            m = new MoreCallbacks();
            more = m;
        }
        m.add(callback, context);
    }

    /** Removes every registration of {@code callback}; returns how many were removed. */
    public int removeDoneCallback(Object callback) {
        int removed = 0;
        Object first = callback0;
        Context firstContext = context0;
        MoreCallbacks m = more instanceof MoreCallbacks x ? x : null;
        int n = m == null ? 0 : m.size;
        Object[] items = m == null ? null : m.items;
        callback0 = null;
        context0 = null;
        if (m != null) {
            more = null;
        }
        if (first != null) {
            if (!(first instanceof Task) && first.equals(callback)) { // a task's wakeup is not the task
                removed++;
            } else {
                addCallback(first, firstContext);
            }
        }
        for (int i = 0; i < n; i++) {
            Object cb = items[i];
            Context c = cb instanceof Task ? null : (Context) items[++i];
            if (!(cb instanceof Task) && cb.equals(callback)) {
                removed++;
            } else {
                addCallback(cb, c);
            }
        }
        return removed;
    }

    private void scheduleCallbacks() {
        Object first = callback0;
        if (first != null) {
            Context c = context0;
            callback0 = null;
            context0 = null;
            schedule(first, c);
        }
        if (more instanceof MoreCallbacks m) {
            more = null;
            Object[] items = m.items;
            for (int i = 0; i < m.size; i++) {
                Object cb = items[i];
                schedule(cb, cb instanceof Task ? null : (Context) items[++i]);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void schedule(Object callback, Context context) {
        if (callback instanceof Task<?> task) {
            task.wake(this); // a task waiting for this future: its wakeup
        } else {
            Consumer<? super Future<T>> fn = (Consumer<? super Future<T>>) callback;
            loop.callSoon(() -> fn.accept(this), context);
        }
    }

    /**
     * A {@link java.util.concurrent.CompletableFuture} that completes like this future (from any thread's
     * point of view); cancelling it cancels this future on its loop ({@code asyncio.wrap_future}'s other
     * direction).
     */
    public java.util.concurrent.CompletableFuture<T> toCompletableFuture() {
        return ThreadFutures.toCompletableFuture(this);
    }

    // ------------------------------------------------------------------------------------------------
    // await

    /**
     * Python's {@code Future.__await__}: "if not done, yield me; then return my result". The task driving
     * the awaiting coroutine receives this future, registers its wakeup as a done callback, and steps
     * the coroutine again when the future is done.
     */
    @Override
    public T awaitInline(Yielder<Object, Object> scope) {
        if (!isDone()) {
            blocking = true;
            scope.yield(this); // this tells the task to wait for completion
        }
        if (!isDone()) {
            throw new RuntimeError("await wasn't used with future");
        }
        return result(); // may raise too
    }

    /** The generator form of {@link #awaitInline}: what {@code await} delegates to. */
    @Override
    public Generator<Object, Object, T> awaitGenerator() {
        return Generator.of(this::awaitInline);
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + stateText() + ">";
    }

    final String stateText() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            case FAILED -> "finished exception=" + result;
            default -> "finished result=" + result;
        };
    }

    /** CPython's "exception was never retrieved": runs when a failed future is collected unseen. */
    private static final class UnretrievedException implements Runnable {
        private final Throwable error;
        private final EventLoop loop;
        private final String kind;
        private final String description;
        volatile boolean retrieved;

        UnretrievedException(Throwable error, EventLoop loop, String kind, Future<?> future) {
            this.error = error;
            this.loop = loop;
            this.kind = kind;
            this.description = future instanceof Task<?> t ? t.getName() : kind;
        }

        @Override
        public void run() {
            if (retrieved) {
                return;
            }
            String message = kind + " exception was never retrieved";
            if (loop instanceof BaseEventLoop base) {
                base.reportLater(message + " (" + description + ")", error, null);
            } else {
                System.getLogger("dev.aiobridge").log(System.Logger.Level.ERROR, message, error);
            }
        }
    }
}
