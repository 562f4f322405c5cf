package dev.aiobridge.transport;

/** asyncio's {@code Transport}: a bidirectional byte stream (a TCP or Unix socket, or TLS over one). */
public interface Transport extends ReadTransport, WriteTransport {
}
