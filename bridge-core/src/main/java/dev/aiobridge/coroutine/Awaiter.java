package dev.aiobridge.coroutine;

import dev.aiobridge.builtins.StopAsyncIteration;
/**
 * The await scope a coroutine's body receives: Python's {@code await}, usable only inside that body while
 * it runs. A coroutine body has no {@code yield}: a coroutine cannot yield and a generator cannot await,
 * the separation Python makes with syntax ({@code async def}), made here with types.
 */
public interface Awaiter {

    /**
     * {@code result = await awaitable}: {@code yield from awaitable.__await__()}. Awaiting a coroutine
     * runs it inline, as a delegate of this one (no new task). Awaiting a done future returns its result
     * (or raises its exception) without suspending; a pending one suspends this coroutine until the future
     * is done. Whatever the driving task throws in (a {@code CancelledError}) is raised here.
     */
    <T> T await(Awaitable<T> awaitable);

    /**
     * {@code async for x in source}: a Java {@link Iterable} to use in a for-each inside the coroutine
     * body; each step awaits {@code source}'s next value with this awaiter (so the coroutine suspends
     * while it waits), and the loop ends at {@link StopAsyncIteration}.
     */
    default <T> Iterable<T> iterate(AsyncIterable<T> source) {
        return () -> {
            AsyncIterator<T> it = source.aiter();
            return new dev.aiobridge.internal.gen.Lookahead<>(() -> {
                try {
                    return await(it.anext());
                } catch (StopAsyncIteration end) {
                    return dev.aiobridge.internal.gen.Lookahead.END;
                }
            });
        };
    }
}
