package dev.aiobridge.asyncio;

/**
 * asyncio's {@code TimeoutError} (Python's built-in since 3.11): a deadline passed. Unchecked, unlike
 * {@link java.util.concurrent.TimeoutException}.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A timeout without a message. */
    public TimeoutError() {
        super();
    }

    /** A timeout with a message. */
    public TimeoutError(String message) {
        super(message);
    }

    /** A timeout caused by {@code cause} (the cancellation it was converted from). */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
