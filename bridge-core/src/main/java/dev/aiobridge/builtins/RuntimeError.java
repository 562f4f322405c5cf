package dev.aiobridge.builtins;

/**
 * Python's {@code RuntimeError}: an operation that the object's state does not allow ("Event loop is
 * closed", "generator ignored GeneratorExit"). A Java {@link IllegalStateException}, so that code
 * catching that still sees it; see the package's table.
 */
public class RuntimeError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** A RuntimeError with CPython's {@code message}. */
    public RuntimeError(String message) {
        super(message);
    }

    /** A RuntimeError with CPython's {@code message}, raised while handling {@code cause}. */
    public RuntimeError(String message, Throwable cause) {
        super(message, cause);
    }
}
