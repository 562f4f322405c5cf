package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.coroutine.InlineAwaitable;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.Yielder;
import dev.aiobridge.internal.engine.Strand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * asyncio's top-level functions: {@link #run}, {@link #sleep}, {@link #createTask},
 * {@link #getRunningLoop}, {@link #currentTask}, {@link #allTasks}, {@link #ensureFuture}. The
 * coordination helpers (gather, wait, timeouts, shield, TaskGroup) live beside them.
 */
public final class AsyncIO {
    private AsyncIO() {
    }

    // ------------------------------------------------------------------------------------------------
    // asyncio.run

    /**
     * {@code asyncio.run(main)}: a new event loop runs {@code main} to the end; then the tasks still
     * pending are cancelled and run until they finish (their cleanup may await), async generators are
     * closed, and the loop is closed. Returns main's result or raises its exception. Cannot be called
     * from a running loop.
     */
    public static <T> T run(Coroutine<T> main) {
        return run(main, (Boolean) null);
    }

    /** {@link #run(Coroutine)} with the loop's debug mode set ({@code null}: the default). */
    public static <T> T run(Coroutine<T> main, Boolean debug) {
        return run(main, debug, EventLoop::create);
    }

    /**
     * {@code asyncio.run(main, loop_factory=...)} (3.12+): on a loop made by {@code loopFactory}, such as
     * {@code VirtualTimeEventLoop::new} for tests on a virtual clock.
     */
    public static <T> T run(Coroutine<T> main, java.util.function.Supplier<? extends EventLoop> loopFactory) {
        return run(main, null, loopFactory);
    }

    /** {@code asyncio.run(main, debug=..., loop_factory=...)}. */
    public static <T> T run(Coroutine<T> main, Boolean debug,
                            java.util.function.Supplier<? extends EventLoop> loopFactory) {
        Objects.requireNonNull(main, "a coroutine was expected, got null");
        if (Strand.current().runningLoop != null) {
            throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
        }
        EventLoop loop = loopFactory.get();
        try {
            if (debug != null) {
                loop.setDebug(debug);
            }
            Task<T> task = loop.createTask(main);
            return loop.runUntilComplete(task);
        } finally {
            try {
                cancelAllTasks(loop);
                Runners.shutdownAsyncGenerators(loop);
                Runners.shutdownDefaultExecutor(loop);
            } finally {
                loop.close();
            }
        }
    }

    /** CPython {@code runners._cancel_all_tasks}: cancel what is pending and let it finish. */
    static void cancelAllTasks(EventLoop loop) {
        List<Task<?>> toCancel = new ArrayList<>(allTasks(loop));
        if (toCancel.isEmpty()) {
            return;
        }
        for (Task<?> t : toCancel) {
            t.cancel();
        }
        loop.runUntilComplete(Runners.allDone(loop, toCancel));
        for (Task<?> t : toCancel) {
            if (t.isCancelled()) {
                continue;
            }
            Throwable e = t.exception();
            if (e != null) {
                loop.callExceptionHandler(
                        ExceptionContext.of("unhandled exception during asyncio.run() shutdown", e).withTask(t));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The running loop and its tasks

    /** The event loop running on this thread; raises "no running event loop" if there is none. */
    public static EventLoop getRunningLoop() {
        Object loop = Strand.current().runningLoop;
        if (loop == null) {
            throw new RuntimeError("no running event loop");
        }
        return (EventLoop) loop;
    }

    /** A new selector event loop ({@code asyncio.new_event_loop()}). */
    public static EventLoop newEventLoop() {
        return EventLoop.create();
    }

    /** The task whose step is running on this thread, or null. */
    public static Task<?> currentTask() {
        return (Task<?>) Strand.current().currentTask;
    }

    /** The pending tasks of the running loop. */
    public static Set<Task<?>> allTasks() {
        return allTasks(getRunningLoop());
    }

    /** The pending tasks of {@code loop}, oldest first. */
    public static Set<Task<?>> allTasks(EventLoop loop) {
        if (loop instanceof BaseEventLoop base) {
            return new LinkedHashSet<>(base.tasks.snapshot());
        }
        return Set.of();
    }

    /** {@code asyncio.create_task(coro)}: a task on the running loop. */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return getRunningLoop().createTask(coro);
    }

    /** {@code asyncio.create_task(coro, name=name)}. */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return getRunningLoop().createTask(coro, name);
    }

    /** {@code asyncio.create_task(coro, name=name, context=context)}. */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        return getRunningLoop().createTask(coro, name, context);
    }

    /**
     * {@code asyncio.ensure_future}: a future stays as it is (it must belong to {@code loop}), a
     * coroutine becomes a task, any other awaitable becomes a task awaiting it.
     */
    @SuppressWarnings("unchecked")
    public static <T> Future<T> ensureFuture(Awaitable<T> awaitable, EventLoop loop) {
        Objects.requireNonNull(awaitable, "An asyncio.Future, a coroutine or an awaitable is required");
        if (awaitable instanceof Future<?> f) {
            if (loop != null && f.loop() != loop) {
                throw new ValueError(
                        "The future belongs to a different loop than the one specified as the loop argument");
            }
            return (Future<T>) f;
        }
        EventLoop target = loop != null ? loop : getRunningLoop();
        if (awaitable instanceof Coroutine<T> coro) {
            return target.createTask(coro);
        }
        return target.createTask(Coroutine.of(a -> a.await(awaitable)));
    }

    /** {@link #ensureFuture(Awaitable, EventLoop)} on the running loop. */
    public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        return ensureFuture(awaitable, null);
    }

    // ------------------------------------------------------------------------------------------------
    // gather, wait, as_completed

    /**
     * {@code asyncio.gather(*aws)}: a future of all the results, in argument order. The first failure (or
     * a child's cancellation) completes it at once with that exception; the other children go on.
     * Cancelling it cancels the children. See {@link #gather(boolean, Awaitable[])}.
     */
    public static Future<List<Object>> gather(Awaitable<?>... awaitables) {
        return gather(false, awaitables);
    }

    /**
     * {@code asyncio.gather(*aws, return_exceptions=...)}: with {@code returnExceptions}, failures and
     * cancellations of children are results (the exception objects, a {@link CancelledError}) instead
     * of failing the gather.
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... awaitables) {
        return Gather.of(java.util.Arrays.asList(awaitables), returnExceptions);
    }

    /** {@code asyncio.gather(*aws)} over a list, typed: the results in list order. */
    public static <T> Future<List<T>> gather(List<? extends Awaitable<? extends T>> awaitables) {
        return Gather.of(awaitables, false);
    }

    /** {@code asyncio.gather(*aws, return_exceptions=...)} over a list. */
    public static Future<List<Object>> gather(List<? extends Awaitable<?>> awaitables, boolean returnExceptions) {
        return Gather.of(awaitables, returnExceptions);
    }

    /** When {@link #wait} returns. */
    public enum ReturnWhen {
        /** As soon as any future is done. */
        FIRST_COMPLETED,
        /** When any future raises, or when all are done. */
        FIRST_EXCEPTION,
        /** When all are done. */
        ALL_COMPLETED
    }

    /**
     * What {@link #wait} returns: the futures that are done and those still pending (insertion order).
     *
     * @param done the futures that are done
     * @param pending the futures that are not
     * @param <F> the type of the futures
     */
    public record Done<F>(Set<F> done, Set<F> pending) {
    }

    /** {@code asyncio.wait(fs)}: waits until all are done; see {@link #wait(Collection, Double, ReturnWhen)}. */
    public static <F extends Future<?>> Coroutine<Done<F>> wait(java.util.Collection<F> futures) {
        return wait(futures, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * {@code asyncio.wait(fs, timeout=..., return_when=...)}: waits until {@code when}, or until the
     * timeout (seconds, null: none) passes; never raises the futures' exceptions, never cancels them.
     * An empty collection is an error ("Set of Tasks/Futures is empty."). Coroutines are not accepted
     * (3.12+): pass tasks.
     */
    public static <F extends Future<?>> Coroutine<Done<F>> wait(java.util.Collection<F> futures, Double timeout,
                                                              ReturnWhen when) {
        return Wait.of(futures, timeout, Objects.requireNonNull(when, "return_when"));
    }

    /** {@code asyncio.as_completed(aws)}; see {@link AsCompleted}. */
    public static <T> AsCompleted<T> asCompleted(List<? extends Awaitable<? extends T>> awaitables) {
        return new AsCompleted<>(awaitables, null);
    }

    /** {@code asyncio.as_completed(aws, timeout=...)}; see {@link AsCompleted}. */
    public static <T> AsCompleted<T> asCompleted(List<? extends Awaitable<? extends T>> awaitables, Double timeout) {
        return new AsCompleted<>(awaitables, timeout);
    }

    // ------------------------------------------------------------------------------------------------
    // timeout and TaskGroup, as in `async with`

    /** {@code async with asyncio.timeout(delay) as cm}: see {@link Timeout}. */
    public static <T> T timeout(dev.aiobridge.coroutine.Awaiter a, Double delaySeconds, Timeout.Block<T> block) {
        return Timeout.after(a, delaySeconds, block);
    }

    /** {@code async with asyncio.timeout_at(when) as cm}: see {@link Timeout}. */
    public static <T> T timeoutAt(dev.aiobridge.coroutine.Awaiter a, Double when, Timeout.Block<T> block) {
        return Timeout.at(a, when, block);
    }

    /** {@code async with asyncio.TaskGroup() as tg}: see {@link TaskGroup}. */
    public static <T> T taskGroup(dev.aiobridge.coroutine.Awaiter a, TaskGroup.Block<T> block) {
        return TaskGroup.run(a, block);
    }

    // ------------------------------------------------------------------------------------------------
    // shield and wait_for

    /**
     * {@code asyncio.shield(aw)}: a future that follows {@code aw} (wrapped in a task if it is a coroutine)
     * but whose cancellation does not reach it: cancelling the task that awaits the shield cancels only the
     * shield; the inner work goes on. If the inner work is cancelled, the shield is cancelled too.
     */
    public static <T> Future<T> shield(Awaitable<T> awaitable) {
        Future<T> inner = ensureFuture(awaitable);
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = inner.loop().createFuture();
        java.util.function.Consumer<Future<T>> innerDone = done -> {
            if (outer.isCancelled()) {
                if (!done.isCancelled()) {
                    done.exception(); // mark the inner result retrieved
                }
                return;
            }
            if (done.isCancelled()) {
                outer.cancel();
            } else if (done.exception() != null) {
                outer.setException(done.exception());
            } else {
                outer.setResult(done.result());
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(done -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }

    /**
     * {@code asyncio.wait_for(aw, timeout)} (3.12+, built on {@link Timeout}): awaits {@code aw} in the
     * current task; when the timeout passes, it is cancelled, its cleanup is awaited, and a
     * {@link TimeoutError} is raised (caused by the cancellation). A timeout of zero or less never runs a
     * coroutine: it is cancelled before its first step (a future already done gives its result).
     * {@code timeoutSeconds} null: no timeout.
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Double timeoutSeconds) {
        Objects.requireNonNull(awaitable, "awaitable");
        return Coroutine.of("wait_for", a -> {
            if (timeoutSeconds != null && timeoutSeconds <= 0) {
                Future<T> future = ensureFuture(awaitable);
                if (future.isDone()) {
                    return future.result();
                }
                cancelAndWait(a, future);
                try {
                    return future.result();
                } catch (CancelledError e) {
                    throw new TimeoutError(null, e);
                }
            }
            return Timeout.after(a, timeoutSeconds, cm -> a.await(awaitable));
        });
    }

    /** {@link #waitFor(Awaitable, Double)} with a {@link Duration}. */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
        return waitFor(awaitable, timeout == null ? null : timeout.toNanos() / 1e9);
    }

    /** CPython {@code _cancel_and_wait}: cancel {@code future} and wait until it is really done. */
    static void cancelAndWait(dev.aiobridge.coroutine.Awaiter a, Future<?> future) {
        Future<Void> waiter = future.loop().createFuture();
        java.util.function.Consumer<Future<?>> release = f -> {
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        };
        future.addDoneCallback(release);
        try {
            future.cancel();
            a.await(waiter);
        } finally {
            future.removeDoneCallback(release);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // threads

    /**
     * {@code asyncio.to_thread(fn)}: runs {@code fn} on the loop's default executor (a virtual thread),
     * in a copy of the current context, and awaits its result without blocking the loop.
     */
    public static <T> Coroutine<T> toThread(java.util.concurrent.Callable<T> fn) {
        Objects.requireNonNull(fn, "fn");
        return Coroutine.of("to_thread", a -> {
            EventLoop loop = getRunningLoop();
            Context context = Context.copyCurrent();
            return a.await(loop.runInExecutor(null, () -> context.call(fn)));
        });
    }

    /**
     * {@code asyncio.run_coroutine_threadsafe(coro, loop)}: from any thread, schedules {@code coro} as a
     * task on {@code loop}; the returned future completes with its result. Cancelling it cancels the task.
     */
    public static <T> java.util.concurrent.CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro,
                                                                                        EventLoop loop) {
        return ThreadFutures.runThreadsafe(Objects.requireNonNull(coro, "A coroutine object is required"), loop);
    }

    /**
     * {@code asyncio.wrap_future}: a future on {@code loop} that follows {@code stage} (completed by
     * any thread); cancelling it cancels {@code stage}. The other direction is
     * {@link Future#toCompletableFuture()}.
     */
    public static <T> Future<T> wrapFuture(java.util.concurrent.CompletionStage<T> stage, EventLoop loop) {
        return ThreadFutures.wrap(stage, loop);
    }

    /** {@link #wrapFuture(java.util.concurrent.CompletionStage, EventLoop)} on the running loop. */
    public static <T> Future<T> wrapFuture(java.util.concurrent.CompletionStage<T> stage) {
        return ThreadFutures.wrap(stage, getRunningLoop());
    }

    // ------------------------------------------------------------------------------------------------
    // sleep

    /** {@code asyncio.sleep(seconds)}: see {@link #sleep(double, Object)}. */
    public static Coroutine<Void> sleep(double seconds) {
        return sleep(seconds, null);
    }

    /** {@code asyncio.sleep(delay)} with a {@link Duration}. */
    public static Coroutine<Void> sleep(Duration delay) {
        return sleep(delay.toNanos() / 1e9, null);
    }

    /**
     * {@code asyncio.sleep(seconds, result)}: suspends the awaiting task for {@code seconds} on a timer
     * and returns {@code result}. A delay of zero or less yields for exactly one iteration of the loop
     * (a bare yield, no timer).
     */
    public static <T> Coroutine<T> sleep(double seconds, T result) {
        return Coroutine.inline("sleep", new Sleep<>(seconds, result));
    }

    /** The body of {@code asyncio.sleep}: an await-generator body, so awaiting it needs no frame. */
    private record Sleep<T>(double seconds, T result) implements InlineAwaitable<T> {
        @Override
        public T awaitInline(Yielder<Object, Object> scope) {
            if (seconds <= 0) {
                scope.yield(null); // __sleep0: one bare yield, one iteration of the loop
                return result;
            }
            EventLoop loop = getRunningLoop();
            Future<T> future = loop.createFuture();
            TimerHandle h = loop.callLater(seconds, () -> setResultUnlessCancelled(future, result));
            try {
                return future.awaitInline(scope);
            } finally {
                h.cancel();
            }
        }

        @Override
        public Generator<Object, Object, T> awaitGenerator() {
            return Generator.of(this::awaitInline);
        }
    }

    static <T> void setResultUnlessCancelled(Future<T> future, T result) {
        if (!future.isCancelled()) {
            future.setResult(result);
        }
    }

    /**
     * CPython's {@code __sleep0}: a generator with one bare {@code yield}, which a task reads as "step me
     * again on the next iteration".
     */
    static final InlineAwaitable<Void> YIELD_ONCE = new InlineAwaitable<>() {
        @Override
        public Void awaitInline(Yielder<Object, Object> scope) {
            scope.yield(null);
            return null;
        }

        @Override
        public Generator<Object, Object, Void> awaitGenerator() {
            return Generator.of(this::awaitInline);
        }

        @Override
        public String toString() {
            return "<__sleep0>";
        }
    };
}
