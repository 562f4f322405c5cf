package dev.aiobridge.coroutine;

import dev.aiobridge.generator.Generator;

/**
 * Something a coroutine can {@code await}: a {@link Coroutine}, a {@code Future} or {@code Task}, or any
 * object with an await generator. Python's {@code __await__} protocol: {@code await x} is
 * {@code yield from x.__await__()}.
 *
 * @param <T> the type of the result of the await
 */
public interface Awaitable<T> {

    /**
     * Python's {@code __await__()}: the generator that {@code await} delegates to. It yields what the
     * driving task must wait for (a {@code Future}, or null for one turn of the loop) and returns the
     * result of the await. A new, unstarted generator each call; {@code await} runs it inline.
     */
    Generator<Object, Object, T> awaitGenerator();
}
