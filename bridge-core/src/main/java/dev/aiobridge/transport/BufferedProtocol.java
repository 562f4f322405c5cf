package dev.aiobridge.transport;

import java.nio.ByteBuffer;

/**
 * asyncio's {@code BufferedProtocol}: the transport reads straight into a buffer the protocol hands
 * out, with no copy. Before each read the transport calls {@link #getBuffer}; the bytes land between
 * the buffer's position and its limit, and {@link #bufferUpdated} tells how many.
 */
public interface BufferedProtocol extends BaseProtocol {

    /**
     * The buffer for the next read; {@code sizeHint} is a wish (-1: none). It must have room
     * ({@code hasRemaining()}), else the connection fails with "get_buffer() returned an empty buffer".
     */
    ByteBuffer getBuffer(int sizeHint);

    /** {@code nbytes} bytes were read into the buffer from {@link #getBuffer} (its position moved on). */
    void bufferUpdated(int nbytes);

    /** As {@link Protocol#eofReceived()}: true keeps the transport half-open. */
    default boolean eofReceived() {
        return false;
    }
}
