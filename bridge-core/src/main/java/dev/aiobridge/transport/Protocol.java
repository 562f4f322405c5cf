package dev.aiobridge.transport;

/**
 * asyncio's {@code Protocol} for byte streams: {@code connectionMade -> dataReceived* -> eofReceived?
 * -> connectionLost}. How bytes are chunked into {@link #dataReceived} calls is the network's business.
 */
public interface Protocol extends BaseProtocol {

    /** Some bytes arrived; {@code data} is the protocol's own (the transport keeps no reference). */
    default void dataReceived(byte[] data) {
    }

    /**
     * The peer closed its side (it will send nothing more). Returning false (the default) lets the
     * transport close itself; returning true keeps it half-open, so this side can still write and must
     * close it later.
     */
    default boolean eofReceived() {
        return false;
    }
}
