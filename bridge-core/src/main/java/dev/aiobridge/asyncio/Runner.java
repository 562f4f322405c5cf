package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.internal.engine.Strand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * asyncio's {@code Runner} (3.11+, CPython's {@code runners.py}): runs coroutines, one after another,
 * on one event loop that it creates at the first {@link #run} and shuts down at {@link #close()}: the
 * tasks still pending are cancelled and run to their end (their cleanup may await), async generators
 * are closed, the default executor is joined, and the loop is closed. {@link AsyncIO#run} is one
 * runner used once.
 *
 * <pre>{@code
 * try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {   // with asyncio.Runner(loop_factory=...) as runner:
 *     runner.run(setUp());
 *     runner.run(main());
 * }
 * }</pre>
 *
 * Its options are CPython's: {@code loop_factory} (a {@link Supplier} of a loop, by default
 * {@link AsyncIO#newEventLoop()}) and {@code debug} (left as the loop has it unless given). Every
 * {@link #run} uses one context, a copy of the context current when the loop was created, unless one
 * is given.
 */
public final class Runner implements AutoCloseable {
    private enum State { CREATED, INITIALIZED, CLOSED }

    private final Supplier<? extends EventLoop> loopFactory;
    private final Boolean debug;
    private State state = State.CREATED;
    private EventLoop loop;
    private Context context;

    /** {@code asyncio.Runner()}: a new selector event loop, debug mode as the loop has it. */
    public Runner() {
        this(SelectorEventLoop::new, null);
    }

    /** {@code asyncio.Runner(loop_factory=loopFactory)}, for instance {@code VirtualTimeEventLoop::new}. */
    public Runner(Supplier<? extends EventLoop> loopFactory) {
        this(loopFactory, null);
    }

    /** {@code asyncio.Runner(debug=debug, loop_factory=loopFactory)}. */
    public Runner(Supplier<? extends EventLoop> loopFactory, boolean debug) {
        this(loopFactory, Boolean.valueOf(debug));
    }

    private Runner(Supplier<? extends EventLoop> loopFactory, Boolean debug) {
        this.loopFactory = Objects.requireNonNull(loopFactory, "loopFactory");
        this.debug = debug;
    }

    /**
     * {@code runner.run(coro)}: runs {@code coro} as a task on the runner's loop, in the runner's
     * context, and returns its result (or raises its exception). Cannot be called from a running loop.
     */
    public <T> T run(Coroutine<T> coro) {
        return run(coro, null);
    }

    /** {@code runner.run(coro, context=context)}: in {@code context} (null: the runner's). */
    public <T> T run(Coroutine<T> coro, Context context) {
        if (coro == null) {
            throw new ValueError("a coroutine was expected, got None");
        }
        if (Strand.current().runningLoop != null) {
            throw new RuntimeError("Runner.run() cannot be called from a running event loop");
        }
        lazyInit();
        Task<T> task = loop.createTask(coro, null, context != null ? context : this.context);
        return loop.runUntilComplete(task);
    }

    /** {@code runner.get_loop()}: the runner's loop, created now if it was not yet. */
    public EventLoop getLoop() {
        lazyInit();
        return loop;
    }

    /** {@code runner.close()}: shuts the loop down (see the class comment); does nothing the second time. */
    @Override
    public void close() {
        if (state != State.INITIALIZED) {
            state = State.CLOSED;
            return;
        }
        try {
            shutdown(loop);
        } finally {
            loop = null;
            state = State.CLOSED;
        }
    }

    private void lazyInit() {
        if (state == State.CLOSED) {
            throw new RuntimeError("Runner is closed");
        }
        if (state == State.INITIALIZED) {
            return;
        }
        loop = Objects.requireNonNull(loopFactory.get(), "the loop factory returned null");
        if (debug != null) {
            loop.setDebug(debug);
        }
        context = Context.copyCurrent();
        state = State.INITIALIZED;
    }

    /**
     * The end of {@code asyncio.run} (and of an {@link EventLoopThread}): refuse other threads' calls from
     * now on, cancel the pending tasks and let them finish (again while cancelling started new ones, a few
     * rounds at most), close the async generators, join the default executor, close the loop, which tells
     * whoever still waits from another thread that it closed ({@link LoopCloseListener}).
     */
    static void shutdown(EventLoop loop) {
        try {
            BaseEventLoop base = loop instanceof BaseEventLoop b ? b : null;
            if (base != null) {
                base.closeIntake();
            }
            for (int round = 0; round < 3; round++) {
                if (base != null && base.hasQueuedCallbacks()) {
                    // What was accepted before the intake closed runs; the tasks it starts are cancelled next.
                    loop.runUntilComplete(Sleep.of(0, null));
                }
                if (Task.allTasks(loop).isEmpty()) {
                    break;
                }
                cancelAllTasks(loop);
            }
            loop.runUntilComplete(loop.shutdownAsyncgens());
            loop.runUntilComplete(loop.shutdownDefaultExecutor());
        } finally {
            loop.close();
        }
    }

    /** CPython {@code runners._cancel_all_tasks}: cancel what is pending and let it finish. */
    private static void cancelAllTasks(EventLoop loop) {
        List<Task<?>> toCancel = new ArrayList<>(Task.allTasks(loop));
        if (toCancel.isEmpty()) {
            return;
        }
        for (Task<?> t : toCancel) {
            t.cancel();
        }
        loop.runUntilComplete(allDone(loop, toCancel));
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

    /** A future done once every one of {@code futures} is done (gather with return_exceptions). */
    private static Future<Void> allDone(EventLoop loop, List<? extends Future<?>> futures) {
        Future<Void> all = loop.createFuture();
        int[] left = {futures.size()};
        for (Future<?> f : futures) {
            f.addDoneCallback(done -> {
                if (!done.isCancelled()) {
                    done.exception(); // retrieved: reported by cancelAllTasks if it matters
                }
                if (--left[0] == 0 && !all.isDone()) {
                    all.setResult(null);
                }
            });
        }
        return all;
    }
}
