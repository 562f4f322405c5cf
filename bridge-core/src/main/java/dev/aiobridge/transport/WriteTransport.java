package dev.aiobridge.transport;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * asyncio's {@code WriteTransport}: writes never block; what the socket does not take at once is
 * buffered, and the protocol's {@code pauseWriting()} is called (synchronously, from {@code write})
 * when the buffer goes strictly above the high-water mark, {@code resumeWriting()} when it drains to
 * the low-water mark or below.
 */
public interface WriteTransport extends BaseTransport {

    /**
     * Sets the write buffer's water marks ({@code set_write_buffer_limits(high, low)}): a null high is
     * 64 KiB, or 4 &times; low if low is given; a null low is high / 4. Raises
     * {@link dev.aiobridge.builtins.ValueError} unless {@code high >= low >= 0}.
     */
    void setWriteBufferLimits(Long high, Long low);

    /** {@code set_write_buffer_limits(high=high)}: low is high / 4. */
    default void setWriteBufferLimits(long high) {
        setWriteBufferLimits(high, null);
    }

    /** How many bytes wait in the write buffer. */
    long getWriteBufferSize();

    /** The current water marks. */
    WriteBufferLimits getWriteBufferLimits();

    /** Sends {@code data} (copied if it must wait); raises after {@link #writeEof()}. */
    void write(byte[] data);

    /** Sends the remaining bytes of {@code data} (consumed; copied if they must wait). */
    void write(ByteBuffer data);

    /** Sends each of {@code data} in order, with as few system calls as possible. */
    void writelines(List<byte[]> data);

    /** Closes the write side once the buffer is flushed (a TCP half-close). */
    void writeEof();

    /** True if {@link #writeEof()} is supported (false on TLS). */
    boolean canWriteEof();

    /**
     * Closes at once: buffered data is dropped, {@code connectionLost(null)} follows on the next
     * iteration of the loop.
     */
    void abort();
}
