package dev.aiobridge.coroutine;

import dev.aiobridge.generator.Yielder;

/**
 * An awaitable whose await generator's body can run directly on the awaiting coroutine's yield scope,
 * without a generator object: {@code await x} then costs no allocation. The result must be exactly what
 * {@code yieldFrom(x.awaitGenerator())} gives (a Future's "if not done, yield me; return my result").
 *
 * @param <T> the type of the result of the await
 */
public interface InlineAwaitable<T> extends Awaitable<T> {

    /** The body of {@link #awaitGenerator()}, run with the awaiting coroutine's yield scope. */
    T awaitInline(Yielder<Object, Object> scope) throws Throwable;
}
