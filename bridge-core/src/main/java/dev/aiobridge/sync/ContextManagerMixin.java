package dev.aiobridge.sync;

import dev.aiobridge.coroutine.AsyncContextManager;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.internal.engine.Rethrow;

/**
 * CPython's {@code _ContextManagerMixin}: {@code async with primitive:} acquires before the block and
 * releases after it, however the block ends.
 */
abstract class ContextManagerMixin extends LoopBound implements AsyncContextManager {

    ContextManagerMixin() {
    }

    /** Acquires inside the running coroutine, waiting as the primitive's rules say. */
    public abstract boolean acquire(Awaiter a);

    /** Releases what {@link #acquire(Awaiter)} took. */
    public abstract void release();

    /** {@code async with primitive: block}: holds it while {@code block} runs; returns the block's value. */
    @Override
    public final <T> T with(Awaiter a, Block<T> block) {
        acquire(a);
        try {
            return block.run();
        } catch (Throwable t) {
            throw Rethrow.unchecked(t);
        } finally {
            release();
        }
    }
}
