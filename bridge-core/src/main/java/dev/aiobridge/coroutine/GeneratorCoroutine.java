package dev.aiobridge.coroutine;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.Yielder;
import dev.aiobridge.internal.engine.Rethrow;
import dev.aiobridge.internal.gen.Frame;
import dev.aiobridge.internal.gen.GeneratorAccess;
import java.util.Objects;

/**
 * A generator-based coroutine: Python's {@code @types.coroutine} on a generator function. Its body is a
 * generator body that yields what the driving task must wait for (a future through its await
 * generator, or null for one turn of the loop, as asyncio's {@code sleep(0)} does), and it may delegate
 * to a native coroutine with {@link Scope#yieldFrom(Coroutine)} ({@code yield from coro}). A coroutine
 * can await it; a generator can {@code yieldFrom} its {@link #generator()}.
 *
 * <pre>{@code
 * // @types.coroutine
 * // def turn():
 * //     yield
 * GeneratorCoroutine<Void> turn = GeneratorCoroutine.of(g -> {
 *     g.yield(null);
 *     return null;
 * });
 * a.await(turn);                    // await turn()
 * }</pre>
 *
 * <p>As in CPython, it is one generator object: awaiting it again after it finished returns null at
 * once (an exhausted generator), and it keeps the generator's rules and messages.
 *
 * @param <T> the type of the value the body returns (the result of the await)
 */
public final class GeneratorCoroutine<T> implements Awaitable<T> {

    /** The code of a generator-based coroutine. */
    @FunctionalInterface
    public interface Body<T> {
        /** Runs the body with its yield scope; its return value is the result of the await. */
        T run(Scope g) throws Throwable;
    }

    /**
     * The yield scope of a generator-based coroutine: a generator's, plus {@code yield from} a native
     * coroutine (allowed here only, as CPython allows it only in a {@code types.coroutine} generator).
     */
    public interface Scope extends Yielder<Object, Object> {
        /** {@code yield from coro}: runs {@code coro} as a delegate and returns its result. */
        <R> R yieldFrom(Coroutine<R> coro);
    }

    private final Generator<Object, Object, T> generator;

    private GeneratorCoroutine(Body<T> body) {
        Frame frame = new Frame(Frame.Kind.GENERATOR, new ScopeImpl(body));
        frame.markIterableCoroutine();
        this.generator = GeneratorAccess.wrap(frame);
    }

    /** {@code types.coroutine(gen_function)()}: a new generator-based coroutine; nothing runs yet. */
    public static <T> GeneratorCoroutine<T> of(Body<T> body) {
        return new GeneratorCoroutine<>(Objects.requireNonNull(body, "body"));
    }

    /** The generator object itself: drive it with next/send/throwIn/close, or {@code yieldFrom} it. */
    public Generator<Object, Object, T> generator() {
        return generator;
    }

    /** {@code __await__}: the generator itself, as CPython awaits a {@code types.coroutine} generator. */
    @Override
    public Generator<Object, Object, T> awaitGenerator() {
        return generator;
    }

    @Override
    public String toString() {
        return "<generator-based coroutine " + generator.state() + ">";
    }

    /** The body's scope on its frame. */
    private static final class ScopeImpl implements Frame.Body, Scope {
        private final Body<?> body;
        private Frame frame;

        ScopeImpl(Body<?> body) {
            this.body = body;
        }

        @Override
        public Object run(Frame self) throws Throwable {
            frame = self;
            return body.run(this);
        }

        @Override
        public Object yield(Object value) {
            return frame.yieldValue(value);
        }

        @Override
        public <R> R yieldFrom(Generator<? extends Object, ? super Object, R> sub) {
            @SuppressWarnings("unchecked")
            R r = (R) frame.yieldFrom(GeneratorAccess.frameOf(sub));
            return r;
        }

        @Override
        public void yieldFrom(Iterable<? extends Object> items) {
            if (items instanceof Generator<?, ?, ?> sub) {
                frame.yieldFrom(GeneratorAccess.frameOf(sub));
            } else {
                frame.yieldFrom(items.iterator());
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R yieldFrom(Coroutine<R> coro) {
            try {
                return (R) coro.awaitFrom(frame, this);
            } catch (Throwable t) {
                throw Rethrow.unchecked(t);
            }
        }
    }
}
