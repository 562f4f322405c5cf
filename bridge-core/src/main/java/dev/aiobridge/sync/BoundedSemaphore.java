package dev.aiobridge.sync;

import dev.aiobridge.builtins.ValueError;
/** asyncio's {@code BoundedSemaphore}: a {@link Semaphore} that refuses to be released above its start value. */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A bounded semaphore with {@code value} permits. */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /** Returns a permit; raises "BoundedSemaphore released too many times" above the bound (Python's ValueError). */
    @Override
    public void release() {
        if (value >= bound) {
            throw new ValueError("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
