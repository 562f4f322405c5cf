package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Coroutine;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * A coroutine (made per subscriber) or an existing future as a {@link Mono}: subscribing starts the
 * task on its loop (through {@code callSoonThreadsafe}); its result is {@code onNext}+{@code onComplete}
 * (a null result: just {@code onComplete}); its exception is {@code onError}; cancelling the
 * subscription cancels the task. A task cancelled from elsewhere ends the Mono with a
 * {@link CancellationException} naming it (the task's {@code CancelledError} as the cause). The task
 * runs in a context whose variables bound with {@link ContextBridge} take the subscriber's Reactor
 * Context values.
 */
final class TaskMono<T> extends Mono<T> {
    private final EventLoop loop;
    private final Supplier<? extends Coroutine<T>> coroutine;
    private final Future<T> future;
    private final String name;

    private TaskMono(EventLoop loop, Supplier<? extends Coroutine<T>> coroutine, Future<T> future, String name) {
        this.loop = loop;
        this.coroutine = coroutine;
        this.future = future;
        this.name = name;
    }

    static <T> Mono<T> ofCoroutine(EventLoop loop, Supplier<? extends Coroutine<T>> coroutine, String name) {
        return new TaskMono<>(Objects.requireNonNull(loop, "loop"), Objects.requireNonNull(coroutine, "coroutine"),
                null, name);
    }

    static <T> Mono<T> ofFuture(Future<T> future) {
        return new TaskMono<>(future.getLoop(), null, Objects.requireNonNull(future, "future"), null);
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Bridge<T> bridge = new Bridge<>(actual, loop);
        actual.onSubscribe(bridge);
        Context context = ContextBridge.fromReactor(actual.currentContext());
        try {
            loop.callSoonThreadsafe(() -> bridge.start(future != null ? future : startTask(context)));
        } catch (IllegalStateException closed) {
            bridge.onError(closed);
        }
    }

    private Future<T> startTask(Context context) {
        return loop.createTask(coroutine.get(), name, context);
    }

    /** Reactor's deferred-scalar subscription: a result that arrives before the request waits for it. */
    static final class Bridge<T> extends Operators.MonoSubscriber<T, T> {
        private final EventLoop loop;
        private volatile Future<T> future;

        Bridge(CoreSubscriber<? super T> actual, EventLoop loop) {
            super(actual);
            this.loop = loop;
        }

        /** On the loop thread: follow the future. */
        void start(Future<T> f) {
            future = f;
            if (isCancelled()) {
                f.cancel();
                return;
            }
            f.addDoneCallback(done -> {
                if (isCancelled()) {
                    return;
                }
                if (done.isCancelled()) {
                    CancellationException e = new CancellationException(describe(done) + " was cancelled");
                    try {
                        done.result();
                    } catch (Throwable cause) {
                        e.initCause(cause);
                    }
                    actual.onError(e);
                    return;
                }
                Throwable error = done.exception();
                if (error != null) {
                    actual.onError(error);
                    return;
                }
                T value = done.result();
                if (value == null) {
                    actual.onComplete();
                } else {
                    complete(value);
                }
            });
        }

        private static String describe(Future<?> f) {
            return f instanceof dev.aiobridge.asyncio.Task<?> t ? "task '" + t.getName() + "'" : "the future";
        }

        @Override
        public void cancel() {
            boolean wasCancelled = isCancelled();
            super.cancel();
            if (!wasCancelled) {
                try {
                    loop.callSoonThreadsafe(() -> {
                        Future<T> f = future;
                        if (f != null) {
                            f.cancel();
                        }
                    });
                } catch (IllegalStateException closed) {
                    // the loop is gone: nothing to cancel
                }
            }
        }
    }
}
