package dev.aiobridge.streams;

/**
 * asyncio's {@code LimitOverrunError}: a read until a separator found no separator within the reader's
 * limit. The data stays in the reader's buffer; {@link #consumed()} says how many bytes to consume to
 * get past the problem.
 */
public final class LimitOverrunError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    /** An overrun with CPython's message and the number of bytes to consume. */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many buffered bytes belong to the overlong chunk. */
    public int consumed() {
        return consumed;
    }
}
