package dev.aiobridge.builtins;

/**
 * Python's {@code TypeError}: an argument of a kind the operation does not take ("can't send non-None
 * value to a just-started generator"). A Java {@link IllegalArgumentException}, a sibling of
 * {@link ValueError} (neither catches the other); see the package's table.
 */
public class TypeError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A TypeError with CPython's {@code message}. */
    public TypeError(String message) {
        super(message);
    }
}
