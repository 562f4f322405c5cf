package dev.aiobridge.builtins;

/**
 * Python's {@code RecursionError}: a chain of {@code yieldFrom}/{@code await} deeper than the recursion
 * limit, or a body whose stack overflowed. It ends the generator, coroutine or task it is raised in, and
 * nothing else: the event loop and the other tasks go on.
 *
 * <p>The limit counts levels of delegation on one chain (a generator that delegates with
 * {@code yieldFrom}, a coroutine that awaits a coroutine): 1000 by default, as CPython's
 * {@code sys.getrecursionlimit()}, set with the system property {@value #LIMIT_PROPERTY}. Every level
 * up to the limit is usable at the JVM's default stack size on both engines: deep chains continue on
 * fresh stacks every few hundred levels. Plain Java recursion inside one body is bounded by the thread's
 * stack as usual; its {@link StackOverflowError} becomes this error, with the overflow as its cause.
 */
public class RecursionError extends RuntimeError {
    private static final long serialVersionUID = 1L;

    /** The system property that sets the recursion limit (levels of delegation, default 1000). */
    public static final String LIMIT_PROPERTY = "aiobridge.recursionLimit";

    /** A recursion error with {@code message}, caused by {@code cause} (a stack overflow) or null. */
    public RecursionError(String message, Throwable cause) {
        super(message, cause);
    }
}
