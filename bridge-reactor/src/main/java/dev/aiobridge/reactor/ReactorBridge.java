package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * aiobridge and Project Reactor, both ways (docs/reactor.md has the mapping table).
 *
 * <pre>{@code
 * Flux<Integer> numbers = ReactorBridge.flux(() -> counter(1_000_000));       // backpressured
 * Flux<Double> averages = Flux.just(10, 20, 30).transform(ReactorBridge.operator(Averager::averager));
 * Mono<String> greeting = ReactorBridge.mono(loop, () -> greet("reactor"));     // a task per subscriber
 * // inside a coroutine:
 * String body = a.await(ReactorBridge.awaitable(webClient.get().retrieve().bodyToMono(String.class)));
 * try (var items = ReactorBridge.iterate(someFlux, 64)) {
 *     for (var item : a.iterate(items)) { ... }
 * }
 * Flux.range(0, 100).publishOn(ReactorBridge.scheduler(loop));                 // runs on the loop
 * }</pre>
 */
public final class ReactorBridge {
    private ReactorBridge() {
    }

    // --- from our side

    /**
     * A generator factory as a cold, backpressured Flux: one generator per subscriber, resumed only as
     * far as demand allows (no demand: it stays suspended; nothing is buffered); cancel closes it (its
     * finally blocks run); an exception is {@code onError}; the return is {@code onComplete}; a null
     * yield is an error. While demand remains, yields reach {@code onNext} without suspending.
     */
    public static <T> Flux<T> flux(Supplier<? extends Generator<? extends T, ?, ?>> generatorFactory) {
        return new GeneratorFlux<T, Object>(generatorFactory, null, Completion.LAZY);
    }

    /**
     * {@link #flux(Supplier)} with a choice of when the stream completes after the last requested value:
     * see {@link Completion}. {@code flux(() -> gen(), Completion.EAGER)} behaves as Kotlin's
     * {@code flux {}}: under {@code request(3)} a three-value generator completes with its third value.
     */
    public static <T> Flux<T> flux(Supplier<? extends Generator<? extends T, ?, ?>> generatorFactory, Completion completion) {
        return new GeneratorFlux<T, Object>(generatorFactory, null, completion);
    }

    /**
     * When a generator Flux runs its generator, and so when it completes after the last requested value.
     * Both keep every Reactive Streams rule; they differ in how far the body runs ahead of demand.
     */
    public enum Completion {
        /**
         * The default, as {@code Flux.generate}: the generator is resumed only while there is demand, so
         * nothing of the body runs ahead of it; a generator whose last value used the last unit of demand
         * completes on the next request (or cancel closes it there).
         */
        LAZY,
        /**
         * One value ahead, as Kotlin's {@code flux {}}: after the value that uses the last unit of demand,
         * the body runs on to its next yield, whose value waits (not emitted) for the next request, or to
         * its end, which completes at once. Costs one value computed ahead.
         */
        EAGER
    }

    /**
     * {@link #flux(Supplier)} whose generator's return value flows on: mapped by {@code returnMapper},
     * it is the last value of the stream (null: none), as {@code yield from} hands a return value on.
     */
    public static <T, R> Flux<T> flux(Supplier<? extends Generator<? extends T, ?, ? extends R>> generatorFactory,
                                      Function<? super R, ? extends T> returnMapper) {
        return new GeneratorFlux<>(generatorFactory, returnMapper, Completion.LAZY);
    }

    /**
     * A send-driven generator as an operator for {@code transform}: each upstream item is sent in, each
     * value yielded back goes downstream (a null yield: nothing for that item); upstream errors are thrown
     * in; completion closes the generator. The averager: {@code flux.transform(operator(Averager::new))}.
     */
    public static <I, O> Function<Flux<I>, Publisher<O>> operator(
            Supplier<? extends Generator<? extends O, ? super I, ?>> generatorFactory) {
        return SendDriven.operator(generatorFactory);
    }

    /**
     * An async generator factory as a cold Flux resumed on {@code loop}; see {@link #flux(Supplier)}. A
     * loop that is not running (or is closed) is an {@code onError} at subscribe; a loop that shuts down
     * under it ends it with an {@code onError}.
     */
    public static <T> Flux<T> flux(EventLoop loop, Supplier<? extends AsyncGenerator<? extends T>> asyncGeneratorFactory) {
        return new AsyncGeneratorFlux<>(loop, asyncGeneratorFactory, Completion.LAZY);
    }

    /** {@link #flux(EventLoop, Supplier)} with a choice of {@link Completion} (eager: one value pulled ahead). */
    public static <T> Flux<T> flux(EventLoop loop, Supplier<? extends AsyncGenerator<? extends T>> asyncGeneratorFactory,
                                   Completion completion) {
        return new AsyncGeneratorFlux<>(loop, asyncGeneratorFactory, completion);
    }

    /**
     * A coroutine as a Mono: each subscription starts a task on {@code loop} (from any thread); cancel
     * cancels the task (an exception it raises afterwards goes to {@code Hooks.onErrorDropped}); a task
     * cancelled from elsewhere (its loop shutting down) is an error naming it; a loop that is not running
     * or is closed is an {@code onError} at subscribe time.
     */
    public static <T> Mono<T> mono(EventLoop loop, Supplier<? extends Coroutine<T>> coroutineFactory) {
        return TaskMono.ofCoroutine(loop, coroutineFactory, null);
    }

    /** {@link #mono(EventLoop, Supplier)} with a task name. */
    public static <T> Mono<T> mono(EventLoop loop, String taskName, Supplier<? extends Coroutine<T>> coroutineFactory) {
        return TaskMono.ofCoroutine(loop, coroutineFactory, taskName);
    }

    /** An existing future or task as a Mono (hot: every subscriber sees the same result); cancel cancels it. */
    public static <T> Mono<T> mono(Future<T> future) {
        return TaskMono.ofFuture(future);
    }

    // --- into our side

    /**
     * A Publisher as something a coroutine awaits: its first value (a Flux is cancelled after it), null if
     * it completes empty, its error raised at the await. Cancelling the awaiting task cancels the
     * subscription.
     */
    public static <T> Awaitable<T> awaitable(Publisher<T> publisher) {
        return new PublisherAwaitable<>(publisher);
    }

    /**
     * A Publisher to iterate inside a coroutine ({@code a.iterate(...)}), with at most {@code prefetch}
     * values requested ahead and replenished as they are consumed.
     */
    public static <T> FluxIterator<T> iterate(Publisher<T> publisher, int prefetch) {
        return new FluxIterator<>(publisher, prefetch);
    }

    /** {@link #iterate(Publisher, int)} with a prefetch of 32. */
    public static <T> FluxIterator<T> iterate(Publisher<T> publisher) {
        return new FluxIterator<>(publisher, 32);
    }

    // --- the loop as a scheduler

    /**
     * {@code loop} as a Reactor Scheduler: tasks and workers run on the loop's thread (so a worker is
     * serialized), delays use the loop's timers. The loop must be running (an {@code EventLoopThread}):
     * on a loop that is not running or is closed, {@code schedule} throws a
     * {@code RejectedExecutionException} naming its state, as Reactor's disposed schedulers do.
     */
    public static Scheduler scheduler(EventLoop loop) {
        return new LoopScheduler(loop);
    }
}
