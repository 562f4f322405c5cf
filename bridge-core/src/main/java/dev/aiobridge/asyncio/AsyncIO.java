package dev.aiobridge.asyncio;

import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Coroutine;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * asyncio's top-level functions, as CPython's {@code asyncio/__init__.py} exports them: a facade over
 * the classes that implement them ({@link Runner}, {@link Task}, {@link Timeout}, {@link TaskGroup},
 * {@link AsCompleted}, ...). Only what Python spells as a function of {@code asyncio} is here; what it
 * spells as a class ({@code asyncio.timeout} is {@link Timeout#after}, {@code asyncio.TaskGroup()} is
 * {@code new TaskGroup()}, {@code asyncio.Runner} is {@link Runner}) is used through that class.
 *
 * <p>Times are seconds as {@code double}, each with a {@link Duration} overload; where a timeout is
 * optional, the overload without it means "no timeout", and {@link Timeout#NEVER} is that value
 * where one must be passed.
 */
public final class AsyncIO {
    private AsyncIO() {
    }

    // ------------------------------------------------------------------------------------------------
    // Running

    /**
     * {@code asyncio.run(main)}: a new event loop runs {@code main} to the end, then is shut down (see
     * {@link Runner}). Returns main's result or raises its exception. Cannot be called from a running
     * loop. For a loop factory or debug mode, use a {@link Runner}.
     */
    public static <T> T run(Coroutine<T> main) {
        Objects.requireNonNull(main, "a coroutine was expected, got null");
        if (Running.loopOrNull() != null) {
            throw new dev.aiobridge.builtins.RuntimeError(
                    "asyncio.run() cannot be called from a running event loop");
        }
        try (Runner runner = new Runner()) {
            return runner.run(main);
        }
    }

    /**
     * {@code asyncio.new_event_loop()}: a new selector event loop, the one way to make a loop when its
     * kind does not matter ({@code new VirtualTimeEventLoop()} when it does).
     */
    public static SelectorEventLoop newEventLoop() {
        return new SelectorEventLoop();
    }

    /** {@code asyncio.get_running_loop()}: the loop running on this thread; raises "no running event loop". */
    public static EventLoop getRunningLoop() {
        return Running.loop();
    }

    /** {@code asyncio.current_task()}: the task whose step is running on this thread, or null. */
    public static Task<?> currentTask() {
        return Running.task();
    }

    /** {@code asyncio.all_tasks()}: the pending tasks of the running loop, oldest first. */
    public static Set<Task<?>> allTasks() {
        return Task.allTasks(Running.loop());
    }

    /** {@code asyncio.all_tasks(loop)}: the pending tasks of {@code loop}, oldest first. */
    public static Set<Task<?>> allTasks(EventLoop loop) {
        return Task.allTasks(Objects.requireNonNull(loop, "loop"));
    }

    // ------------------------------------------------------------------------------------------------
    // Tasks and futures

    /** {@code asyncio.create_task(coro)}: a task on the running loop. */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return Running.loop().createTask(coro);
    }

    /** {@code asyncio.create_task(coro, name=name)}. */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return Running.loop().createTask(coro, name);
    }

    /** {@code asyncio.create_task(coro, name=name, context=context)}. */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        return Running.loop().createTask(coro, name, context);
    }

    /**
     * {@code asyncio.ensure_future(aw, loop=loop)}: a future stays as it is (it must belong to
     * {@code loop}), a coroutine becomes a task, any other awaitable becomes a task awaiting it.
     */
    public static <T> Future<T> ensureFuture(Awaitable<T> awaitable, EventLoop loop) {
        return Task.ensureFuture(awaitable, Objects.requireNonNull(loop, "loop"));
    }

    /** {@code asyncio.ensure_future(aw)} on the running loop. */
    public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        return Task.ensureFuture(awaitable, null);
    }

    // ------------------------------------------------------------------------------------------------
    // sleep

    /**
     * {@code asyncio.sleep(seconds)}: suspends the awaiting task for {@code seconds}. Zero or less
     * yields for exactly one iteration of the loop (a bare yield, no timer).
     */
    public static Coroutine<Void> sleep(double seconds) {
        return Sleep.of(seconds, null);
    }

    /** {@code asyncio.sleep(delay)} with a {@link Duration}. */
    public static Coroutine<Void> sleep(Duration delay) {
        return Sleep.of(Timeouts.seconds(delay), null);
    }

    /** {@code asyncio.sleep(seconds, result)}: sleeps, then returns {@code result}. */
    public static <T> Coroutine<T> sleep(double seconds, T result) {
        return Sleep.of(seconds, result);
    }

    /** {@code asyncio.sleep(delay, result)} with a {@link Duration}. */
    public static <T> Coroutine<T> sleep(Duration delay, T result) {
        return Sleep.of(Timeouts.seconds(delay), result);
    }

    // ------------------------------------------------------------------------------------------------
    // gather, wait, as_completed

    /**
     * {@code asyncio.gather(*aws)}: a future of all the results, in argument order. The first failure (or
     * a child's cancellation) completes it at once with that exception; the other children go on.
     * Cancelling it cancels the children. With {@code return_exceptions}: {@link #gather(List, boolean)}.
     */
    public static Future<List<Object>> gather(Awaitable<?>... awaitables) {
        return Gather.of(Arrays.asList(awaitables), false);
    }

    /** {@code asyncio.gather(*aws)} over a list, typed: the results in list order. */
    public static <T> Future<List<T>> gather(List<? extends Awaitable<? extends T>> awaitables) {
        return Gather.of(awaitables, false);
    }

    /**
     * {@code asyncio.gather(*aws, return_exceptions=...)}: with {@code returnExceptions}, failures and
     * cancellations of children are results (the exception objects, a {@link CancelledError}) instead
     * of failing the gather.
     */
    public static Future<List<Object>> gather(List<? extends Awaitable<?>> awaitables, boolean returnExceptions) {
        return Gather.of(awaitables, returnExceptions);
    }

    /** {@code asyncio.wait(fs)}: waits until all are done; see {@link #wait(Collection, double, ReturnWhen)}. */
    public static <F extends Future<?>> Coroutine<Done<F>> wait(Collection<F> futures) {
        return Wait.of(futures, Timeout.NEVER, ReturnWhen.ALL_COMPLETED);
    }

    /** {@code asyncio.wait(fs, return_when=...)}, with no timeout. */
    public static <F extends Future<?>> Coroutine<Done<F>> wait(Collection<F> futures, ReturnWhen when) {
        return Wait.of(futures, Timeout.NEVER, Objects.requireNonNull(when, "return_when"));
    }

    /**
     * {@code asyncio.wait(fs, timeout=..., return_when=...)}: waits until {@code when}, or until
     * {@code timeoutSeconds} pass; never raises the futures' exceptions, never cancels them. An empty
     * collection is an error ("Set of Tasks/Futures is empty."). Coroutines are not accepted (3.12+):
     * pass tasks.
     */
    public static <F extends Future<?>> Coroutine<Done<F>> wait(Collection<F> futures, double timeoutSeconds,
                                                              ReturnWhen when) {
        return Wait.of(futures, timeoutSeconds, Objects.requireNonNull(when, "return_when"));
    }

    /** {@link #wait(Collection, double, ReturnWhen)} with a {@link Duration}. */
    public static <F extends Future<?>> Coroutine<Done<F>> wait(Collection<F> futures, Duration timeout,
                                                              ReturnWhen when) {
        return wait(futures, Timeouts.seconds(timeout), when);
    }

    /** {@code asyncio.as_completed(aws)}; see {@link AsCompleted}. */
    public static <T> AsCompleted<T> asCompleted(List<? extends Awaitable<? extends T>> awaitables) {
        return new AsCompleted<>(awaitables, Timeout.NEVER);
    }

    /** {@code asyncio.as_completed(aws, timeout=...)}; see {@link AsCompleted}. */
    public static <T> AsCompleted<T> asCompleted(List<? extends Awaitable<? extends T>> awaitables,
                                                 double timeoutSeconds) {
        return new AsCompleted<>(awaitables, timeoutSeconds);
    }

    /** {@code asyncio.as_completed(aws, timeout=...)} with a {@link Duration}. */
    public static <T> AsCompleted<T> asCompleted(List<? extends Awaitable<? extends T>> awaitables,
                                                 Duration timeout) {
        return new AsCompleted<>(awaitables, Timeouts.seconds(timeout));
    }

    // ------------------------------------------------------------------------------------------------
    // shield and wait_for

    /**
     * {@code asyncio.shield(aw)}: a future that follows {@code aw} (wrapped in a task if it is a coroutine)
     * but whose cancellation does not reach it: cancelling the task that awaits the shield cancels only the
     * shield; the inner work goes on. If the inner work is cancelled, the shield is cancelled too.
     */
    public static <T> Future<T> shield(Awaitable<T> awaitable) {
        return Shield.of(awaitable);
    }

    /**
     * {@code asyncio.wait_for(aw, timeout)} (3.12+, built on {@link Timeout}): awaits {@code aw} in the
     * current task; when {@code timeoutSeconds} pass, it is cancelled, its cleanup is awaited, and a
     * {@link TimeoutError} is raised (caused by the cancellation). A timeout of zero or less never runs
     * a coroutine: it is cancelled before its first step (a future already done gives its result).
     * {@link Timeout#NEVER}: no timeout.
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, double timeoutSeconds) {
        return WaitFor.of(awaitable, timeoutSeconds);
    }

    /** {@link #waitFor(Awaitable, double)} with a {@link Duration}. */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
        return WaitFor.of(awaitable, Timeouts.seconds(timeout));
    }

    // ------------------------------------------------------------------------------------------------
    // threads

    /**
     * {@code asyncio.to_thread(fn)}: runs {@code fn} on the loop's default executor (a virtual thread),
     * in a copy of the current context, and awaits its result without blocking the loop.
     */
    public static <T> Coroutine<T> toThread(Callable<T> fn) {
        return ThreadFutures.toThread(fn);
    }

    /**
     * {@code asyncio.run_coroutine_threadsafe(coro, loop)}: from any thread, schedules {@code coro} as a
     * task on {@code loop}; the returned future completes with its result. Cancelling it cancels the task.
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        return ThreadFutures.runThreadsafe(Objects.requireNonNull(coro, "A coroutine object is required"), loop);
    }

    /**
     * {@code asyncio.wrap_future(stage, loop=loop)}: a future on {@code loop} that follows {@code stage}
     * (completed by any thread); cancelling it cancels {@code stage}. The other direction is
     * {@link Future#toCompletableFuture()}.
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage, EventLoop loop) {
        return ThreadFutures.wrap(stage, loop);
    }

    /** {@code asyncio.wrap_future(stage)} on the running loop. */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return ThreadFutures.wrap(stage, Running.loop());
    }
}
