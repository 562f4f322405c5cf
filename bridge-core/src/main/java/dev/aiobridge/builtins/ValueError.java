package dev.aiobridge.builtins;

/**
 * Python's {@code ValueError}: an argument of the right type with a wrong value ("Set of Tasks/Futures
 * is empty.", "generator already executing"). A Java {@link IllegalArgumentException}; see the
 * package's table.
 */
public class ValueError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A ValueError with CPython's {@code message}. */
    public ValueError(String message) {
        super(message);
    }

    /** A ValueError with CPython's {@code message}, raised while handling {@code cause}. */
    public ValueError(String message, Throwable cause) {
        super(message, cause);
    }
}
