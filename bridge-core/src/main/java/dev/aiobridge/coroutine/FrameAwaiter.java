package dev.aiobridge.coroutine;

import dev.aiobridge.builtins.TypeError;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.Yielder;
import dev.aiobridge.internal.engine.Rethrow;
import dev.aiobridge.internal.gen.Frame;
import dev.aiobridge.internal.gen.GeneratorAccess;
import java.util.Objects;

/**
 * {@code await} on a frame: the one implementation behind the await scopes of coroutines and async
 * generators. {@code await x} is {@code yield from x.__await__()}: a coroutine is delegated to (inline
 * if it has not started), an {@link InlineAwaitable} (a Future) runs its await body right here, anything
 * else through its await generator. The frame's own yield is the {@link Yielder} view, for those bodies.
 */
abstract class FrameAwaiter implements Awaiter {
    /** The frame whose body this scope serves; set when the body starts. */
    Frame frame;

    /** The frame's own yield, for await bodies that run on it (a Future's "yield me"). */
    abstract Yielder<Object, Object> rawYield();

    @Override
    public final <R> R await(Awaitable<R> awaitable) {
        return await(frame, rawYield(), awaitable);
    }

    /** {@code await awaitable} in the body of {@code frame}, whose own yield is {@code raw}. */
    @SuppressWarnings("unchecked")
    static <R> R await(Frame frame, Yielder<Object, Object> raw, Awaitable<R> awaitable) {
        Objects.requireNonNull(awaitable, "cannot await null");
        try {
            if (awaitable instanceof Coroutine<?> coro) {
                return (R) coro.awaitFrom(frame, raw);
            }
            if (awaitable instanceof InlineAwaitable<R> inline) {
                return inline.awaitInline(raw);
            }
        } catch (Throwable t) {
            throw Rethrow.unchecked(t);
        }
        Generator<Object, Object, R> gen = awaitable.awaitGenerator();
        if (gen == null) {
            throw new TypeError("__await__() returned non-iterator of type 'NoneType'");
        }
        return (R) frame.yieldFrom(GeneratorAccess.frameOf(gen));
    }

    /** The frame's yield as a {@link Yielder}. */
    static final class RawYield implements Yielder<Object, Object> {
        private final FrameAwaiter owner;

        RawYield(FrameAwaiter owner) {
            this.owner = owner;
        }

        @Override
        public Object yield(Object value) {
            return owner.frame.yieldValue(value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R yieldFrom(Generator<? extends Object, ? super Object, R> sub) {
            return (R) owner.frame.yieldFrom(GeneratorAccess.frameOf(sub));
        }

        @Override
        public void yieldFrom(Iterable<? extends Object> items) {
            owner.frame.yieldFrom(items.iterator());
        }
    }
}
