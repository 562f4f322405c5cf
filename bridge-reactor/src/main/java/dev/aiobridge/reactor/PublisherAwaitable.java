package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.InlineAwaitable;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.Yielder;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;

/**
 * A Publisher awaited inside a coroutine: its first value (the subscription is then cancelled), or null
 * if it completes empty, or its error raised at the await. Signals from any thread reach the loop
 * through {@code callSoonThreadsafe}; cancelling the awaiting task cancels the subscription.
 */
final class PublisherAwaitable<T> implements InlineAwaitable<T> {
    private final Publisher<T> publisher;

    PublisherAwaitable(Publisher<T> publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public T awaitInline(Yielder<Object, Object> scope) {
        EventLoop loop = AsyncIO.getRunningLoop();
        Future<T> result = loop.createFuture();
        FirstValue<T> subscriber = new FirstValue<>(loop, result, ContextBridge.toReactor());
        result.addDoneCallback(f -> {
            if (f.isCancelled()) {
                subscriber.dispose();
            }
        });
        publisher.subscribe(subscriber);
        return result.awaitInline(scope);
    }

    @Override
    public Generator<Object, Object, T> awaitGenerator() {
        return Generator.of(this::awaitInline);
    }

    /** Takes the first value; every signal is carried to the loop. */
    static final class FirstValue<T> implements CoreSubscriber<T> {
        private final EventLoop loop;
        private final Future<T> result;
        private final reactor.util.context.Context context;
        private final AtomicReference<Subscription> upstream = new AtomicReference<>();
        private volatile boolean done;
        /** The awaiting task was cancelled: whatever still arrives is for nobody, and is not an error. */
        private volatile boolean disposed;

        FirstValue(EventLoop loop, Future<T> result, reactor.util.context.Context context) {
            this.loop = loop;
            this.result = result;
            this.context = context;
        }

        @Override
        public reactor.util.context.Context currentContext() {
            return context;
        }

        @Override
        public void onSubscribe(Subscription s) {
            // a Mono gives at most one; a Flux is cancelled after its first
            Subscriptions.onSubscribe(upstream, s, Long.MAX_VALUE);
        }

        @Override
        public void onNext(T value) {
            Objects.requireNonNull(value, "onNext(null): RS §2.13");
            if (done) {
                return;
            }
            done = true;
            Subscription s = upstream.get();
            if (s != null) {
                s.cancel();
            }
            complete(value, null);
        }

        @Override
        public void onError(Throwable error) {
            Objects.requireNonNull(error, "onError(null): RS §2.13");
            if (disposed) {
                return; // in flight when the await was cancelled: the awaiter left, the subscription is cancelled
            }
            if (done) {
                Operators.onErrorDropped(error, context);
                return;
            }
            done = true;
            complete(null, error);
        }

        @Override
        public void onComplete() {
            if (done) {
                return;
            }
            done = true;
            complete(null, null);
        }

        private void complete(T value, Throwable error) {
            boolean posted = loop.offerThreadsafe(() -> {
                if (result.isDone()) {
                    return;
                }
                if (error != null) {
                    result.setException(error);
                } else {
                    result.setResult(value);
                }
            });
            if (!posted && error != null) {
                Operators.onErrorDropped(error, context); // the loop is gone: nobody can await it
            }
        }

        void dispose() {
            disposed = true;
            done = true;
            Subscriptions.cancel(upstream);
        }
    }
}
