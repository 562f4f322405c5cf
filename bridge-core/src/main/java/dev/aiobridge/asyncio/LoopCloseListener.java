package dev.aiobridge.asyncio;

/**
 * A callback handed to {@link EventLoop#callSoonThreadsafe} that wants to know when it will never run:
 * the loop closed while it was still queued. It is then told {@link #loopClosed} instead (on the thread
 * that closes the loop), so whoever waits for it can be answered with a clear error rather than never.
 * The loop's own bridges to other threads ({@code runCoroutineThreadsafe}, {@code toCompletableFuture})
 * use it so that nothing accepted is left hanging at shutdown.
 */
public interface LoopCloseListener extends Runnable {

    /** The loop closed before this callback ran (or before what it waits for ended): {@code error} says so. */
    void loopClosed(IllegalStateException error);
}
