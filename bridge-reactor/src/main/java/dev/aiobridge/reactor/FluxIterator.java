package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.AsyncIterator;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.InlineAwaitable;
import dev.aiobridge.builtins.StopAsyncIteration;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.Yielder;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;

/**
 * A Publisher iterated inside a coroutine ({@code async for}): it asks upstream for {@code prefetch}
 * values, hands them out one per {@link #anext()}, and asks for more each time three quarters of a batch
 * are consumed, so backpressure reaches upstream and the buffer never holds more than {@code prefetch}.
 * Values arriving from other threads wake the waiting coroutine through {@code callSoonThreadsafe}; a
 * cancelled wait (the task was cancelled) cancels the subscription; {@link #close()} cancels it too
 * (leaving a loop early: use try-with-resources).
 *
 * <pre>{@code
 * try (FluxIterator<Order> orders = ReactorBridge.iterate(ordersFlux, 64)) {
 *     for (Order o : a.iterate(orders)) { ... }
 * }
 * }</pre>
 *
 * @param <T> the type of the values
 */
public final class FluxIterator<T> implements AsyncIterator<T>, AutoCloseable {
    private final Publisher<T> source;
    private final int prefetch;
    private final int limit;

    private final Queue<T> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Subscription> upstream = new AtomicReference<>();
    private volatile boolean done;
    private volatile Throwable error;
    private volatile Future<Void> waiter;
    private EventLoop loop;
    private boolean subscribed;
    private int consumed;

    FluxIterator(Publisher<T> source, int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.prefetch = prefetch;
        this.limit = prefetch == 1 ? 1 : prefetch - (prefetch >> 2);
    }

    @Override
    public Awaitable<T> anext() {
        return new Next();
    }

    /** Cancels the subscription; later {@code anext()} calls end the iteration. */
    @Override
    public void close() {
        done = true;
        Subscriptions.cancel(upstream);
    }

    private final class Next implements InlineAwaitable<T> {
        @Override
        public T awaitInline(Yielder<Object, Object> scope) {
            if (!subscribed) {
                subscribed = true;
                loop = AsyncIO.getRunningLoop();
                source.subscribe(new Receiver());
            }
            while (true) {
                T value = buffer.poll();
                if (value != null) {
                    if (++consumed == limit) {
                        consumed = 0;
                        Subscription s = upstream.get();
                        if (s != null) {
                            s.request(limit); // replenish: the consumer made room
                        }
                    }
                    return value;
                }
                if (done) {
                    Throwable e = error;
                    if (e != null) {
                        error = null;
                        done = true;
                        throw sneaky(e);
                    }
                    throw new StopAsyncIteration();
                }
                Future<Void> w = loop.createFuture();
                waiter = w;
                if (!buffer.isEmpty() || done) {
                    waiter = null; // it arrived meanwhile
                    continue;
                }
                w.addDoneCallback(f -> {
                    if (f.isCancelled()) {
                        close(); // the task was cancelled: dispose the subscription
                    }
                });
                w.awaitInline(scope);
                waiter = null;
            }
        }

        @Override
        public Generator<Object, Object, T> awaitGenerator() {
            return Generator.of(this::awaitInline);
        }
    }

    private void wake() {
        Future<Void> w = waiter;
        if (w == null) {
            return;
        }
        loop.offerThreadsafe(() -> { // false: the loop is closed, nobody waits any more
            if (!w.isDone()) {
                w.setResult(null);
            }
        });
    }

    /** The subscriber behind the iterator (package-visible for the TCK). */
    final class Receiver implements CoreSubscriber<T> {
        private final reactor.util.context.Context context = ContextBridge.toReactor();

        @Override
        public reactor.util.context.Context currentContext() {
            return context;
        }

        @Override
        public void onSubscribe(Subscription s) {
            Subscriptions.onSubscribe(upstream, s, prefetch);
        }

        @Override
        public void onNext(T value) {
            Objects.requireNonNull(value, "onNext(null): RS §2.13");
            buffer.offer(value);
            wake();
        }

        @Override
        public void onError(Throwable t) {
            Objects.requireNonNull(t, "onError(null): RS §2.13");
            error = t;
            done = true;
            wake();
        }

        @Override
        public void onComplete() {
            done = true;
            wake();
        }
    }

    /** Rethrows {@code t} as it is, checked or not (the coroutine's await raises what the Publisher signalled). */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
