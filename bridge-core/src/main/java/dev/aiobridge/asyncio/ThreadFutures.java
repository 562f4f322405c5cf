package dev.aiobridge.asyncio;

import dev.aiobridge.coroutine.Coroutine;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The bridges between a loop's {@link Future} and Java's thread futures (CPython's {@code wrap_future},
 * {@code _chain_future} and {@code run_coroutine_threadsafe}): each side follows the other's result,
 * exception and cancellation, always crossing to the loop through {@code callSoonThreadsafe}.
 */
final class ThreadFutures {
    private ThreadFutures() {
    }

    /**
     * {@code loop.run_in_executor}: runs {@code fn} on {@code executor}; the loop future follows it, and
     * cancelling the future cancels the call (with an interrupt if it already runs).
     */
    static <T> Future<T> runInExecutor(java.util.concurrent.Callable<T> fn, java.util.concurrent.Executor executor,
                                       EventLoop loop) {
        Future<T> future = loop.createFuture();
        CompletableFuture<T> outcome = new CompletableFuture<>();
        FutureTask<T> call = new FutureTask<>(fn) {
            @Override
            protected void done() {
                try {
                    outcome.complete(get());
                } catch (CancellationException e) {
                    outcome.cancel(false);
                } catch (ExecutionException e) {
                    outcome.completeExceptionally(e.getCause());
                } catch (InterruptedException e) {
                    outcome.completeExceptionally(e);
                }
            }
        };
        future.addDoneCallback(f -> {
            if (f.isCancelled()) {
                call.cancel(true);
            }
        });
        follow(outcome, future, loop);
        executor.execute(call);
        return future;
    }

    /** CPython {@code asyncio.to_thread}: {@code fn} on the running loop's default executor, in a copy of the context. */
    static <T> Coroutine<T> toThread(java.util.concurrent.Callable<T> fn) {
        java.util.Objects.requireNonNull(fn, "fn");
        return Coroutine.of("to_thread", a -> {
            EventLoop loop = Running.loop();
            dev.aiobridge.context.Context context = dev.aiobridge.context.Context.copyCurrent();
            return a.await(loop.runInExecutor(null, () -> context.call(fn)));
        });
    }

    /** {@code asyncio.wrap_future}: a loop future following {@code stage}; cancelling it cancels the stage. */
    static <T> Future<T> wrap(CompletionStage<T> stage, EventLoop loop) {
        Future<T> future = loop.createFuture();
        CompletableFuture<T> cf = stage.toCompletableFuture();
        future.addDoneCallback(f -> {
            if (f.isCancelled()) {
                cf.cancel(true);
            }
        });
        follow(cf, future, loop);
        return future;
    }

    /** Copies {@code source}'s outcome into {@code target} on {@code loop}'s thread. */
    private static <T> void follow(CompletableFuture<T> source, Future<T> target, EventLoop loop) {
        source.whenComplete((value, error) -> {
            Runnable copy = () -> {
                if (target.isDone()) {
                    return;
                }
                if (error == null) {
                    target.setResult(value);
                    return;
                }
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof CancellationException) {
                    target.cancel();
                } else {
                    target.setException(cause);
                }
            };
            loop.offerThreadsafe(copy); // refused: the loop is closed and nobody is left to tell
        });
    }

    /** {@code concurrent.futures.Future} of a loop future: completes when it does; cancelling it cancels it. */
    static <T> CompletableFuture<T> toCompletableFuture(Future<T> future) {
        EventLoop loop = future.getLoop();
        CompletableFuture<T> cf = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    loop.offerThreadsafe(future::cancel); // refused: the loop is closed, nothing runs to cancel
                }
                return cancelled;
            }
        };
        try {
            loop.callSoonThreadsafe(new Follower<>(future, cf));
        } catch (LoopClosedError closed) {
            cf.completeExceptionally(closed);
        }
        return cf;
    }

    /**
     * On the loop's thread: makes {@code cf} follow {@code future}; if the loop closes first (before this
     * runs, or with the future still pending), {@code cf} fails with the loop's "closed" error.
     */
    private record Follower<T>(Future<T> future, CompletableFuture<T> cf) implements LoopCloseListener {
        @Override
        public void run() {
            BaseEventLoop base = future.getLoop() instanceof BaseEventLoop b ? b : null;
            if (base != null && !future.isDone()) {
                base.addWaiter(this);
            }
            future.addDoneCallback(f -> {
                if (base != null) {
                    base.removeWaiter(this);
                }
                copyInto(f, cf);
            });
        }

        @Override
        public void loopClosed(IllegalStateException error) {
            cf.completeExceptionally(error);
        }
    }

    private static <T> void copyInto(Future<T> f, CompletableFuture<T> cf) {
        if (f.isCancelled()) {
            cf.cancel(false);
            return;
        }
        Throwable e = f.exception();
        if (e != null) {
            cf.completeExceptionally(e);
        } else {
            cf.complete(f.result());
        }
    }

    /** {@code asyncio.run_coroutine_threadsafe}: schedules {@code coro} on {@code loop} from any thread. */
    static <T> CompletableFuture<T> runThreadsafe(Coroutine<T> coro, EventLoop loop) {
        Task<?>[] task = {null};
        CompletableFuture<T> handle = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    loop.offerThreadsafe(() -> { // refused: the loop is closed, nothing runs to cancel
                        if (task[0] != null) {
                            task[0].cancel();
                        }
                    });
                }
                return cancelled;
            }
        };
        try {
            loop.callSoonThreadsafe(new Submission<>(coro, loop, handle, task));
        } catch (LoopClosedError closed) {
            coro.close(); // refused at once: it will never run, so it is not "never awaited" either
            throw closed;
        }
        return handle;
    }

    /**
     * A coroutine handed in from another thread: on the loop's thread it becomes a task that
     * {@code handle} follows; if the loop is shutting down it never starts and {@code handle} fails with
     * "closed"; if the loop closes while it is still queued, or with its task still pending, likewise.
     */
    private record Submission<T>(Coroutine<T> coro, EventLoop loop, CompletableFuture<T> handle, Task<?>[] task)
            implements LoopCloseListener {
        @Override
        public void run() {
            if (handle.isCancelled()) {
                coro.close();
                return;
            }
            BaseEventLoop base = loop instanceof BaseEventLoop b ? b : null;
            if (base != null && base.intakeClosed()) {
                loopClosed(new IllegalStateException("Event loop is closed: the coroutine never started"));
                return;
            }
            try {
                Task<T> t = loop.createTask(coro);
                task[0] = t;
                if (base != null) {
                    base.addWaiter(this);
                }
                t.addDoneCallback(f -> {
                    if (base != null) {
                        base.removeWaiter(this);
                    }
                    copyInto(f, handle);
                });
            } catch (RuntimeException | Error e) {
                handle.completeExceptionally(e);
                throw e;
            }
        }

        @Override
        public void loopClosed(IllegalStateException error) {
            if (task[0] == null) {
                coro.close();
            }
            handle.completeExceptionally(error);
        }
    }
}
