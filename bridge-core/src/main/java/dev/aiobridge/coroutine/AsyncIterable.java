package dev.aiobridge.coroutine;

/**
 * Python's async iterable ({@code __aiter__}): something {@code async for} can consume inside a
 * coroutine, with {@link Awaiter#iterate(AsyncIterable)}.
 *
 * @param <T> the type of the values
 */
public interface AsyncIterable<T> {

    /** {@code __aiter__()}: the iterator. */
    AsyncIterator<T> aiter();
}
