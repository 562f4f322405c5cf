package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.coroutine.StopAsyncIteration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * An async generator factory as a cold {@link Flux} resumed on its loop: per subscriber, one task on the
 * loop pulls {@code anext()} while there is demand and waits (on a loop future, no thread blocked) while
 * there is none. Every signal comes from the loop's thread; requests and cancellation from other
 * threads enter through {@code callSoonThreadsafe}. Cancelling cancels the task, whose cleanup closes
 * the generator ({@code aclose}: its finally blocks run, and may await).
 */
final class AsyncGeneratorFlux<T> extends Flux<T> {
    private final EventLoop loop;
    private final Supplier<? extends AsyncGenerator<? extends T>> factory;

    AsyncGeneratorFlux(EventLoop loop, Supplier<? extends AsyncGenerator<? extends T>> factory) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        PullSubscription<T> s = new PullSubscription<>(actual, loop);
        actual.onSubscribe(s);
        try {
            loop.callSoonThreadsafe(() -> s.start(factory));
        } catch (IllegalStateException closed) {
            s.fail(closed);
        }
    }

    static final class PullSubscription<T> implements Subscription, Scannable {
        private final CoreSubscriber<? super T> actual;
        private final EventLoop loop;

        volatile long requested;
        static final AtomicLongFieldUpdater<PullSubscription> REQUESTED =
                AtomicLongFieldUpdater.newUpdater(PullSubscription.class, "requested");
        volatile boolean cancelled;

        // Loop thread only:
        private long emitted;
        private Future<Void> demand;
        private Task<Void> task;
        private boolean done;
        /** True while the pull loop waits inside the generator (its anext). */
        private boolean inGenerator;

        PullSubscription(CoreSubscriber<? super T> actual, EventLoop loop) {
            this.actual = actual;
            this.loop = loop;
        }

        void start(Supplier<? extends AsyncGenerator<? extends T>> factory) {
            if (cancelled) {
                return;
            }
            AsyncGenerator<? extends T> agen;
            try {
                agen = Objects.requireNonNull(factory.get(), "the async generator factory returned null");
            } catch (Throwable e) {
                fail(e);
                return;
            }
            task = loop.createTask(Coroutine.ofVoid("agen-flux", a -> pull(a, agen)));
        }

        private void pull(dev.aiobridge.coroutine.Awaiter a, AsyncGenerator<? extends T> agen) {
            try {
                while (!cancelled) {
                    if (emitted == requested) {
                        demand = loop.createFuture();
                        a.await(demand); // no demand: wait without holding a thread
                        demand = null;
                        continue;
                    }
                    T value;
                    try {
                        inGenerator = true;
                        value = a.await(agen.anext());
                    } catch (StopAsyncIteration end) {
                        done = true;
                        actual.onComplete();
                        return;
                    } finally {
                        inGenerator = false;
                    }
                    if (value == null) {
                        done = true;
                        actual.onError(new NullPointerException(
                                "the async generator yielded null: a Flux cannot carry null values (RS §2.13)"));
                        return;
                    }
                    emitted++;
                    actual.onNext(value);
                }
            } catch (CancelledError cancellation) {
                // the subscription was cancelled: close the generator below
            } catch (Throwable error) {
                done = true;
                if (!cancelled) {
                    actual.onError(error);
                }
                return;
            } finally {
                if (!agen.isFinished()) {
                    try {
                        a.await(agen.aclose());
                    } catch (Throwable e) {
                        Operators.onErrorDropped(e, actual.currentContext());
                    }
                }
            }
        }

        void fail(Throwable e) {
            if (!done) {
                done = true;
                actual.onError(e);
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                loop.callSoonThreadsafe(() -> fail(new IllegalArgumentException(
                        "§3.9 violated: positive request amount required but it was " + n)));
                return;
            }
            Operators.addCap(REQUESTED, this, n);
            try {
                loop.callSoonThreadsafe(this::wake);
            } catch (IllegalStateException closed) {
                // the loop is gone: nothing more will come
            }
        }

        private void wake() {
            Future<Void> d = demand;
            if (d != null && !d.isDone()) {
                d.setResult(null);
            }
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            try {
                loop.callSoonThreadsafe(() -> {
                    Future<Void> d = demand;
                    if (d != null && !d.isDone()) {
                        d.setResult(null); // waiting for demand: let the pull loop see the cancel and close
                    } else if (task != null && inGenerator) {
                        task.cancel(); // inside the generator: cancel it at its await
                    } // otherwise the pull loop sees the flag at its next turn

                });
            } catch (IllegalStateException closed) {
                // the loop is gone
            }
        }

        @Override
        @Nullable
        public Object scanUnsafe(Attr key) {
            if (key == Attr.ACTUAL) {
                return actual;
            }
            if (key == Attr.CANCELLED) {
                return cancelled;
            }
            if (key == Attr.REQUESTED_FROM_DOWNSTREAM) {
                return requested;
            }
            if (key == Attr.RUN_STYLE) {
                return Attr.RunStyle.ASYNC;
            }
            return null;
        }
    }
}
