package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Coroutine;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * A coroutine (made per subscriber) or an existing future as a {@link Mono}: subscribing starts the
 * task on its loop (through {@code callSoonThreadsafe}); its result is {@code onNext}+{@code onComplete}
 * (a null result: just {@code onComplete}); its exception is {@code onError}; cancelling the
 * subscription cancels the task, and an exception the task raises after that goes to Reactor's
 * {@code Hooks.onErrorDropped}, as Reactor's operators do. A task cancelled from elsewhere (its loop
 * shutting down, say) ends the Mono with a {@link CancellationException} naming it (the task's
 * {@code CancelledError} as the cause). A loop that is not running or is closed is an {@code onError}
 * at subscribe time. The task runs in a context whose variables bound with {@link ContextBridge} take
 * the subscriber's Reactor Context values.
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
        return new TaskMono<>(Objects.requireNonNull(future, "future").getLoop(), null, future, null);
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        if (future != null && future.isDone() && !loop.isRunning()) {
            // an outcome already there needs no loop: deliver it here
            TaskSubscription<T> s = new TaskSubscription<>(actual, loop);
            actual.onSubscribe(s);
            s.onDone(future);
            return;
        }
        IllegalStateException notServing = Loops.notServing(loop);
        if (notServing != null) {
            Operators.error(actual, notServing);
            return;
        }
        TaskSubscription<T> s = new TaskSubscription<>(actual, loop);
        actual.onSubscribe(s);
        Supplier<Future<T>> source;
        if (future != null) {
            source = () -> future;
        } else {
            Context context = ContextBridge.fromReactor(actual.currentContext());
            source = () -> loop.createTask(Objects.requireNonNull(coroutine.get(), "the coroutine factory returned null"),
                    name, context);
        }
        if (!loop.offerThreadsafe(() -> s.start(source))) {
            s.error(Loops.closed(loop, null));
        }
    }

    /**
     * Follows the future on the loop thread. The value and the request may come in either order, from
     * two threads: {@code state} collects both bits and whoever sets the second emits (Reactor's deferred
     * scalar).
     */
    static final class TaskSubscription<T> extends BridgeSubscription<T> {
        private static final int REQUESTED = 1;
        private static final int HAS_VALUE = 2;

        private final EventLoop loop;
        private volatile Future<T> future;
        private T value;
        volatile int state;
        static final AtomicIntegerFieldUpdater<TaskSubscription> STATE =
                AtomicIntegerFieldUpdater.newUpdater(TaskSubscription.class, "state");

        TaskSubscription(CoreSubscriber<? super T> actual, EventLoop loop) {
            super(actual);
            this.loop = loop;
        }

        /** On the loop thread: make or take the future and follow it. */
        void start(Supplier<Future<T>> source) {
            if (isCancelled()) {
                cancelled();
                return;
            }
            Future<T> f;
            try {
                f = source.get();
            } catch (Throwable e) {
                error(e);
                return;
            }
            future = f;
            if (isCancelled()) {
                f.cancel(); // a cancel that came meanwhile found no future yet
            }
            f.addDoneCallback(this::onDone);
        }

        void onDone(Future<T> done) {
            if (isCancelled()) {
                if (!done.isCancelled()) {
                    Throwable late = done.exception();
                    if (late != null) {
                        drop(late); // raised after the subscriber left: Reactor's hook, not a GC-time report
                    }
                }
                cancelled();
                return;
            }
            if (done.isCancelled()) {
                CancellationException e = new CancellationException(describe(done) + " was cancelled");
                try {
                    done.result();
                } catch (Throwable cause) {
                    e.initCause(cause);
                }
                error(e);
                return;
            }
            Throwable error = done.exception();
            if (error != null) {
                error(error);
                return;
            }
            T v = done.result();
            if (v == null) {
                complete();
                return;
            }
            value = v;
            if ((STATE.getAndAccumulate(this, HAS_VALUE, (a, b) -> a | b) & REQUESTED) != 0) {
                emit();
            }
        }

        @Override
        void onRequest() {
            if ((STATE.getAndAccumulate(this, REQUESTED, (a, b) -> a | b) & (REQUESTED | HAS_VALUE)) == HAS_VALUE) {
                emit();
            }
        }

        private void emit() {
            T v = value;
            value = null;
            if (next(v)) {
                complete();
            } else {
                cancelled();
            }
        }

        @Override
        void onCancel() {
            value = null;
            boolean posted = loop.offerThreadsafe(() -> {
                Future<T> f = future;
                if (f != null && !f.cancel()) {
                    cancelled(); // already done: nothing more will call onDone after the cancel
                }
            });
            if (!posted) {
                cancelled(); // the loop is gone: nothing to cancel
            }
        }

        @Override
        Attr.RunStyle runStyle() {
            return Attr.RunStyle.ASYNC;
        }

        private static String describe(Future<?> f) {
            return f instanceof Task<?> t ? "task '" + t.getName() + "'" : "the future";
        }
    }
}
