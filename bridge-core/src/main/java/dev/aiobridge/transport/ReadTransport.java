package dev.aiobridge.transport;

/** asyncio's {@code ReadTransport}: the read side and its flow control. */
public interface ReadTransport extends BaseTransport {

    /** True while the transport delivers data (not paused and not closing). */
    boolean isReading();

    /**
     * Stops delivering data (and end of file) to the protocol until {@link #resumeReading()}; does
     * nothing if already paused or closing.
     */
    void pauseReading();

    /** Delivers data again; does nothing if not paused or closing. */
    void resumeReading();
}
