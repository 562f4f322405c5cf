package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.EventLoop;

/**
 * The bridge's one way to reach a loop from another thread when the loop may not be running or may be
 * closed: a clear error naming the loop's state instead of a hang, and no refusal swallowed silently
 * (every caller of {@link #post} acts on {@code false}).
 */
final class Loops {
    private Loops() {
    }

    /**
     * Null when {@code loop} runs (work handed to it will be run); otherwise the error that says why it
     * cannot serve a subscription or a scheduled task (issue: fail fast instead of hanging).
     */
    static IllegalStateException notServing(EventLoop loop) {
        if (loop.isClosed()) {
            return closed(loop, null);
        }
        if (!loop.isRunning()) {
            return new IllegalStateException("the event loop is not running (" + loop + "): nothing would ever run"
                    + " on it; run it first (EventLoopThread.start, or AsyncIO.run with the subscription inside)");
        }
        return null;
    }

    /** The error for a loop that closed (or began shutting down) before it could run what the bridge handed it. */
    static IllegalStateException closed(EventLoop loop, Throwable cause) {
        return new IllegalStateException("the event loop is closed or shutting down (" + loop
                + "): nothing more can run on it", cause);
    }
}
