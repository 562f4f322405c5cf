package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RuntimeError;

/**
 * CPython's {@code RuntimeError('Event loop is closed')} as a type of its own: raised when something is
 * handed to a loop that is closed, or whose intake closed because it is shutting down. It is a
 * {@link RuntimeError}, so code written after CPython that catches that still catches it; code that
 * must tell a closed loop from other misuse catches this. A caller that may outlive its loop uses
 * {@link EventLoop#offerThreadsafe} instead and decides what a refusal means.
 */
public class LoopClosedError extends RuntimeError {
    private static final long serialVersionUID = 1L;

    /** The error with CPython's message, "Event loop is closed". */
    public LoopClosedError() {
        super("Event loop is closed");
    }
}
