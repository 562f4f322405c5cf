package dev.aiobridge.reactor;

import dev.aiobridge.generator.Generator;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * Generator stages composed like operators: a source generator, then stages that each take the previous
 * generator and return a new one (typically delegating to it with {@code yieldFrom}, or iterating it),
 * so the inner stage's return value flows on to the outer one. The result is a backpressured Flux, the
 * last stage's return value optionally its last item.
 *
 * <pre>{@code
 * Flux<Event> events = Pipeline.from(() -> readLines(file))
 *         .then(Stages::parse)                 // Generator<String,..> -> Generator<Request, .., Integer>
 *         .then(g -> slowerThan(100, g))
 *         .toFlux(malformed -> new Summary(malformed));
 * }</pre>
 *
 * @param <T> the type of the values the pipeline yields
 * @param <R> the type of the last stage's return value
 */
public final class Pipeline<T, R> {
    private final Supplier<Generator<T, Object, R>> factory;

    private Pipeline(Supplier<Generator<T, Object, R>> factory) {
        this.factory = factory;
    }

    /** A pipeline made of one source generator (a new one per subscription). */
    @SuppressWarnings("unchecked")
    public static <T, R> Pipeline<T, R> from(Supplier<? extends Generator<? extends T, ?, ? extends R>> source) {
        Objects.requireNonNull(source, "source");
        return new Pipeline<>(() -> (Generator<T, Object, R>) source.get());
    }

    /** Adds a stage: a function from the generator so far to the next generator. */
    @SuppressWarnings("unchecked")
    public <U, Q> Pipeline<U, Q> then(Function<? super Generator<T, Object, R>, ? extends Generator<? extends U, ?, ? extends Q>> stage) {
        Objects.requireNonNull(stage, "stage");
        return new Pipeline<>(() -> (Generator<U, Object, Q>) stage.apply(factory.get()));
    }

    /** A new generator running the whole pipeline. */
    public Generator<T, Object, R> generator() {
        return factory.get();
    }

    /** The pipeline as a backpressured Flux (one run per subscriber). */
    public Flux<T> toFlux() {
        return ReactorBridge.flux(factory);
    }

    /** The pipeline as a Flux whose last item is the last stage's return value, mapped. */
    public Flux<T> toFlux(Function<? super R, ? extends T> returnMapper) {
        return ReactorBridge.flux(factory, returnMapper);
    }
}
