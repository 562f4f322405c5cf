package dev.aiobridge.coroutine;

/**
 * The scope an async generator's body receives: {@code await} (it is an {@link Awaiter}) and
 * {@code yield}, as in an {@code async def} with {@code yield}.
 *
 * @param <Y> the type of the yielded values
 */
public interface AsyncYielder<Y> extends Awaiter {

    /**
     * {@code received = yield value}: hands {@code value} to the awaiter of {@code asend}/{@code anext}
     * and suspends until the next one; returns what {@code asend} sends (null for {@code anext}), or
     * raises what {@code athrow} throws ({@code GeneratorExit} on {@code aclose}).
     */
    Object yield(Y value);
}
