package dev.aiobridge.asyncio;

import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Coroutine;
import java.time.Duration;

/**
 * asyncio's event loop, its scheduling part: a single-threaded scheduler of callbacks, timers, futures
 * and tasks. One iteration is CPython's {@code _run_once}: run the callbacks that were ready when it
 * began (those they schedule run in the next one), then the timers that are due, waiting for I/O only
 * as long as the nearest timer allows. I/O (readers, writers, the {@code sock_*} coroutines) belongs to
 * the loop that has a selector, {@link SelectorEventLoop}; a {@link VirtualTimeEventLoop} has none.
 *
 * <p>Every method must be called from the thread running the loop (or, before it runs, from the thread
 * that will), except {@link #callSoonThreadsafe}, the only way in from another thread. Debug mode
 * ({@link #setDebug}) checks this and reports slow callbacks.
 */
public interface EventLoop extends AutoCloseable {

    // --- running and stopping

    /** Runs until {@link #stop()} is called: iteration after iteration. */
    void runForever();

    /**
     * Runs until {@code future} is done and returns its result (or raises its exception). A coroutine is
     * wrapped in a task first. Raises "Event loop stopped before Future completed." if the loop was
     * stopped first.
     */
    <T> T runUntilComplete(Awaitable<T> future);

    /** Stops the loop after the current iteration (every callback of it still runs). */
    void stop();

    /** True while {@link #runForever()} runs. */
    boolean isRunning();

    /** True once {@link #close()} was called. */
    boolean isClosed();

    /**
     * True when called on the loop's own thread of control: the thread running it, or the body of one of
     * its coroutines (which, on the {@code threads} continuation engine, runs on a virtual thread of its
     * own). What Python checks with {@code threading.current_thread() is loop_thread}.
     */
    boolean inLoopThread();

    /**
     * Closes the loop: drops pending callbacks and timers, releases the selector. Raises if the loop is
     * running; does nothing the second time.
     */
    @Override
    void close();

    // --- scheduling callbacks

    /** The loop's clock, in seconds: monotonic, for {@link #callAt}. */
    double time();

    /** Schedules {@code callback} for the next iteration, in a copy of the current context. */
    Handle callSoon(Runnable callback);

    /** Schedules {@code callback} for the next iteration, in {@code context}. */
    Handle callSoon(Runnable callback, Context context);

    /** Schedules {@code callback} to run after {@code delaySeconds}. */
    TimerHandle callLater(double delaySeconds, Runnable callback);

    /** Schedules {@code callback} to run after {@code delay}. */
    default TimerHandle callLater(Duration delay, Runnable callback) {
        return callLater(Timeouts.seconds(delay), callback);
    }

    /** Schedules {@code callback} to run after {@code delaySeconds}, in {@code context}. */
    TimerHandle callLater(double delaySeconds, Runnable callback, Context context);

    /** Schedules {@code callback} to run after {@code delay}, in {@code context}. */
    default TimerHandle callLater(Duration delay, Runnable callback, Context context) {
        return callLater(Timeouts.seconds(delay), callback, context);
    }

    /** Schedules {@code callback} to run at loop time {@code when} (see {@link #time()}). */
    TimerHandle callAt(double when, Runnable callback);

    /** Schedules {@code callback} to run at loop time {@code when}, in {@code context}. */
    TimerHandle callAt(double when, Runnable callback, Context context);

    /**
     * The thread-safe {@link #callSoon}: may be called from any thread; wakes the loop if it is waiting
     * in its selector. Calls from one thread run in the order they were made.
     */
    Handle callSoonThreadsafe(Runnable callback);

    /** The thread-safe {@link #callSoon(Runnable, Context)}. */
    Handle callSoonThreadsafe(Runnable callback, Context context);

    /**
     * {@link #callSoonThreadsafe} for a caller that may outlive the loop (a completion arriving from
     * another thread, a cancel, a report): true if the callback was accepted; false if the loop is
     * closed or shutting down ({@link LoopClosedError}), and then it will never run and the caller
     * decides what that means. The refusal is logged at DEBUG on {@code dev.aiobridge}, so nothing
     * vanishes without a trace.
     */
    default boolean offerThreadsafe(Runnable callback) {
        try {
            callSoonThreadsafe(callback);
            return true;
        } catch (LoopClosedError closed) {
            System.getLogger("dev.aiobridge").log(System.Logger.Level.DEBUG,
                    () -> "refused by " + this + " (closed or shutting down): " + callback);
            return false;
        }
    }

    // --- futures and tasks

    /** A new pending future attached to this loop. */
    <T> Future<T> createFuture();

    /** Wraps {@code coro} in a task scheduled on this loop (named Task-N). */
    <T> Task<T> createTask(Coroutine<T> coro);

    /** Wraps {@code coro} in a task with a name. */
    <T> Task<T> createTask(Coroutine<T> coro, String name);

    /**
     * Wraps {@code coro} in a task with a name (null: Task-N) running in {@code context} (null: a copy of
     * the current context).
     */
    <T> Task<T> createTask(Coroutine<T> coro, String name, Context context);

    /**
     * Sets how {@link #createTask} makes tasks (asyncio's {@code set_task_factory}); null restores the
     * default. {@link Task#EAGER_FACTORY} starts each task at once, as 3.12's eager task factory does.
     */
    void setTaskFactory(TaskFactory factory);

    /** The task factory, or null for the default. */
    TaskFactory getTaskFactory();

    /** How tasks are made: asyncio's task factory. */
    @FunctionalInterface
    interface TaskFactory {
        /** Makes a task for {@code coro} on {@code loop}. */
        <T> Task<T> create(EventLoop loop, Coroutine<T> coro, String name, Context context);
    }

    // --- async generators and threads

    /**
     * {@code loop.shutdown_asyncgens()}: closes the async generators first iterated on this loop that
     * are still suspended ({@code AsyncIO.run} does it at the end).
     */
    Coroutine<Void> shutdownAsyncgens();

    /**
     * {@code loop.run_in_executor(executor, fn)}: runs {@code fn} on {@code executor} (null: the loop's
     * default executor, a virtual thread per call) and returns a future of its result on this loop.
     * Cancelling the future cancels the call (interrupting it if it runs).
     */
    <T> Future<T> runInExecutor(java.util.concurrent.Executor executor, java.util.concurrent.Callable<T> fn);

    /** {@code loop.shutdown_default_executor()}: waits until the default executor's calls are finished. */
    Coroutine<Void> shutdownDefaultExecutor();

    // --- errors and debug

    /** Sets the exception handler; null restores the default (which logs). */
    void setExceptionHandler(ExceptionHandler handler);

    /** The exception handler, or null when it is the default. */
    ExceptionHandler getExceptionHandler();

    /** Hands {@code context} to the exception handler (or the default handler). */
    void callExceptionHandler(ExceptionContext context);

    /** The default exception handler: logs the report with the platform logger. */
    void defaultExceptionHandler(ExceptionContext context);

    /** True in debug mode. */
    boolean getDebug();

    /** Turns debug mode on or off: wrong-thread calls raise, slow callbacks are reported. */
    void setDebug(boolean debug);

    /** In debug mode, a callback that runs longer than this (seconds, default 0.1) is reported. */
    double getSlowCallbackDuration();

    /** Sets the slow callback threshold, in seconds. */
    void setSlowCallbackDuration(double seconds);

    /** Sets the slow callback threshold. */
    default void setSlowCallbackDuration(Duration threshold) {
        setSlowCallbackDuration(Timeouts.seconds(threshold));
    }

    /**
     * Carries thread-bound state (ThreadLocals, MDC) into this loop's tasks from now on: captured when a
     * task is created (or a callback is handed in from another thread), restored around each step. Null
     * (the default) carries nothing.
     */
    void setThreadContextPropagator(ThreadContextPropagator propagator);

    /** The propagator set with {@link #setThreadContextPropagator}, or null. */
    ThreadContextPropagator getThreadContextPropagator();
}
