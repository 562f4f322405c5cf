package dev.aiobridge.asyncio;

/** asyncio's {@code InvalidStateError}: a future was asked for what its state does not allow. */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An error with CPython's message. */
    public InvalidStateError(String message) {
        super(message);
    }
}
