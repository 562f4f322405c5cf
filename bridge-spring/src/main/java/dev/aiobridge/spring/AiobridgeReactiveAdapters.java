package dev.aiobridge.spring;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.reactor.FluxIterator;
import dev.aiobridge.reactor.ReactorBridge;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ReactiveTypeDescriptor;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * aiobridge's types in Spring's {@link ReactiveAdapterRegistry}, by Spring's own rule for hot and cold
 * values, so a WebFlux controller can return them and take a request body as one:
 *
 * <table>
 * <caption>The registrations</caption>
 * <tr><th>type</th><th>descriptor</th><th>as a Publisher</th><th>from a Publisher</th></tr>
 * <tr><td>{@link Coroutine}</td><td>single optional value, deferred</td>
 *     <td>a Mono that runs it as a task on the loop when subscribed</td>
 *     <td>a coroutine awaiting the Publisher's first value</td></tr>
 * <tr><td>{@link Future} (and {@code Task})</td><td>non-deferred async value (already running)</td>
 *     <td>a Mono of its result; cancel cancels it</td>
 *     <td>a future on the loop, subscribed at once</td></tr>
 * <tr><td>{@link AsyncGenerator}</td><td>multi-value, deferred</td>
 *     <td>a backpressured Flux resumed on the loop</td>
 *     <td>an async generator iterating the Publisher with bounded prefetch</td></tr>
 * <tr><td>{@link Generator}</td><td>multi-value, deferred</td>
 *     <td>a backpressured Flux</td>
 *     <td>a generator over {@code Flux.toIterable()}: its {@code next()} blocks, which Reactor refuses on
 *     a non-blocking thread; prefer an {@code AsyncGenerator} for a request body</td></tr>
 * </table>
 *
 * <p>A value adapted to a Publisher can be subscribed to once: a coroutine or a generator runs once.
 */
public final class AiobridgeReactiveAdapters {
    private AiobridgeReactiveAdapters() {
    }

    /**
     * Registers the four types with {@code registry}; coroutines and async generators run on {@code loop}.
     * Each Publisher made is passed through {@code decorator} (the auto-configuration's puts the
     * subscriber's Reactor Context into ThreadLocals while the subscription starts).
     */
    public static void registerWith(ReactiveAdapterRegistry registry, EventLoop loop,
                                    UnaryOperator<Publisher<?>> decorator) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(decorator, "decorator");
        registry.registerReactiveType(
                ReactiveTypeDescriptor.singleOptionalValue(Coroutine.class, () -> Coroutine.of(a -> null)),
                source -> decorator.apply(ReactorBridge.mono(loop, () -> (Coroutine<?>) source)),
                AiobridgeReactiveAdapters::coroutine);
        registry.registerReactiveType(
                ReactiveTypeDescriptor.nonDeferredAsyncValue(Future.class, () -> completedFuture(loop)),
                source -> decorator.apply(ReactorBridge.mono((Future<?>) source)),
                publisher -> future(loop, publisher));
        registry.registerReactiveType(
                ReactiveTypeDescriptor.multiValue(AsyncGenerator.class, () -> AsyncGenerator.of(y -> { })),
                source -> decorator.apply(ReactorBridge.flux(loop, () -> (AsyncGenerator<?>) source)),
                AiobridgeReactiveAdapters::asyncGenerator);
        registry.registerReactiveType(
                ReactiveTypeDescriptor.multiValue(Generator.class, () -> Generator.ofVoid(g -> { })),
                source -> decorator.apply(ReactorBridge.flux(() -> (Generator<?, ?, ?>) source)),
                AiobridgeReactiveAdapters::generator);
    }

    /** {@link #registerWith(ReactiveAdapterRegistry, EventLoop, UnaryOperator)} with no decorator. */
    public static void registerWith(ReactiveAdapterRegistry registry, EventLoop loop) {
        registerWith(registry, loop, UnaryOperator.identity());
    }

    /** A coroutine that awaits {@code publisher}'s first value (null when it completes empty). */
    public static <T> Coroutine<T> coroutine(Publisher<T> publisher) {
        return Coroutine.of(a -> a.await(ReactorBridge.awaitable(publisher)));
    }

    /**
     * An async generator that yields {@code publisher}'s values, requesting at most 32 ahead, so a slow
     * consumer slows the producer (a request body read as it is consumed). Closing it cancels the
     * subscription.
     */
    public static <T> AsyncGenerator<T> asyncGenerator(Publisher<T> publisher) {
        return AsyncGenerator.of(y -> {
            try (FluxIterator<T> items = ReactorBridge.iterate(publisher)) {
                for (T item : y.iterate(items)) {
                    y.yield(item);
                }
            }
        });
    }

    private static <T> Generator<T, Object, Void> generator(Publisher<T> publisher) {
        return Generator.ofVoid(g -> {
            for (T item : Flux.from(publisher).toIterable()) {
                g.yield(item);
            }
        });
    }

    /** A future on {@code loop} completed by {@code publisher}'s first value; cancelling it cancels the subscription. */
    private static <T> Future<T> future(EventLoop loop, Publisher<T> publisher) {
        Future<T> future = new Future<>(loop);
        loop.callSoonThreadsafe(() -> {
            if (future.isDone()) {
                return;
            }
            Disposable subscription = Mono.from(publisher).subscribe(
                    value -> loop.callSoonThreadsafe(() -> {
                        if (!future.isDone()) {
                            future.setResult(value);
                        }
                    }),
                    error -> loop.callSoonThreadsafe(() -> {
                        if (!future.isDone()) {
                            future.setException(error);
                        }
                    }),
                    () -> loop.callSoonThreadsafe(() -> {
                        if (!future.isDone()) {
                            future.setResult(null);
                        }
                    }));
            future.addDoneCallback(done -> {
                if (done.isCancelled()) {
                    subscription.dispose();
                }
            });
        });
        return future;
    }

    private static Future<Object> completedFuture(EventLoop loop) {
        Future<Object> future = new Future<>(loop);
        future.setResult(null);
        return future;
    }
}
