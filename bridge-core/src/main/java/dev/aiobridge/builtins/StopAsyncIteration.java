package dev.aiobridge.builtins;

/**
 * Python's {@code StopAsyncIteration}: an async iterator has no more values ({@code __anext__} at the
 * end, {@code asend} of a finished async generator). Control flow: no stack trace.
 */
public class StopAsyncIteration extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The end of an async iteration. */
    public StopAsyncIteration() {
        super(null, null, false, false);
    }
}
