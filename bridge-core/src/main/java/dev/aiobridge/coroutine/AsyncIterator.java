package dev.aiobridge.coroutine;

import dev.aiobridge.builtins.StopAsyncIteration;
/**
 * Python's async iterator ({@code __anext__}): each {@link #anext()} is awaited for the next value,
 * and raises {@link StopAsyncIteration} at the end.
 *
 * @param <T> the type of the values
 */
public interface AsyncIterator<T> extends AsyncIterable<T> {

    /** {@code __anext__()}: an awaitable of the next value; awaiting it raises {@link StopAsyncIteration} at the end. */
    Awaitable<T> anext();

    /** An async iterator is its own async iterable. */
    @Override
    default AsyncIterator<T> aiter() {
        return this;
    }
}
