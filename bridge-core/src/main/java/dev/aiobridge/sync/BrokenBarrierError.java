package dev.aiobridge.sync;

/** asyncio's {@code BrokenBarrierError}: the {@link Barrier} was reset or aborted while tasks waited. */
public class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
