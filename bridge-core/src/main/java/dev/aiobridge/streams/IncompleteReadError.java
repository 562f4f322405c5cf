package dev.aiobridge.streams;

import java.io.EOFException;
import java.io.UncheckedIOException;

/**
 * asyncio's {@code IncompleteReadError}: the stream ended before a read got what it needed. Python's is
 * an {@code EOFError}; here the cause is an {@link EOFException} with the same message, and the error
 * itself is unchecked so it can be caught around an {@code await}.
 */
public final class IncompleteReadError extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final transient byte[] partial;
    private final Integer expected;

    /**
     * An error for a read that got {@code partial} of {@code expected} bytes (null: a read until a
     * separator, which has no expected size).
     */
    public IncompleteReadError(byte[] partial, Integer expected) {
        super(message(partial, expected), new EOFException(message(partial, expected)));
        this.partial = partial.clone();
        this.expected = expected;
    }

    private static String message(byte[] partial, Integer expected) {
        return partial.length + " bytes read on a total of " + (expected == null ? "undefined" : expected)
                + " expected bytes";
    }

    /** The bytes read before the end of the stream. */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes were expected, or null (a read until a separator). */
    public Integer expected() {
        return expected;
    }
}
