package dev.aiobridge.asyncio;

/**
 * asyncio's {@code CancelledError}: raised at a task's suspension point when it is cancelled, and by
 * {@code result()}/{@code exception()} of a cancelled future. As in Python 3.8+, where it derives from
 * {@code BaseException}, it is an {@link Error}: a {@code catch (Exception e)} does not swallow a
 * cancellation. Catch it by name to clean up, and rethrow it (or {@code uncancel()}).
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /** A cancellation without a message. */
    public CancelledError() {
        super();
    }

    /** A cancellation with the message given to {@code cancel(msg)} (null: none). */
    public CancelledError(String message) {
        super(message);
    }

    /** The message given to {@code cancel(msg)}, or null (Python's {@code args[0]}). */
    public String cancelMessage() {
        return getMessage();
    }
}
