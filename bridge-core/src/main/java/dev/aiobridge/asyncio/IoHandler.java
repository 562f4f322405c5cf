package dev.aiobridge.asyncio;

/**
 * The seam between a loop's scheduling ({@link BaseEventLoop}) and what it waits on (Netty 4.2's
 * {@code IoHandler}): the loop calls these three methods and nothing else of its I/O. The selector
 * loop's handler owns a {@link java.nio.channels.Selector} ({@link NioIoHandler}); the virtual-time
 * loop's handler moves its clock instead.
 */
interface IoHandler {

    /**
     * Waits up to {@code timeoutNanos} (0: do not wait; negative: no limit) for I/O or a
     * {@link #wakeup()}, and hands what became ready to the loop (which appends its callbacks to the
     * ready queue). Called on the loop's thread only. Never throws: a failure is the handler's to
     * report and recover from.
     */
    void select(long timeoutNanos);

    /** Makes a waiting {@link #select(long)} return soon. Called from any thread. */
    void wakeup();

    /** Releases what {@link #select(long)} uses; called once, when the loop closes. */
    void close();
}
