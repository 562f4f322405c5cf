package dev.aiobridge.internal.engine;

/**
 * What the running event loop offers the packages below it, through the {@link Strand}: its debug
 * mode, a way to report from the garbage collector's thread, and asyncio's async generator hooks
 * ({@code sys.set_asyncgen_hooks}). Internal to aiobridge; the loop keeps its implementation private.
 */
public interface LoopHooks {

    /** True when the loop runs in debug mode. */
    boolean debug();

    /**
     * Reports a problem found outside any callback (from the garbage collector's cleaner thread): the
     * loop hands it to its exception handler on its own thread, or logs it if it is closed.
     */
    void reportLater(String message, Throwable exception, Object subject);

    /** {@code firstiter}: {@code asyncGenerator} was iterated for the first time on this loop. */
    void firstIter(Object asyncGenerator);
}
