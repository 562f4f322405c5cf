package dev.aiobridge.transport;

import java.net.SocketException;

/** Python's {@code ConnectionAbortedError}: this side gave up on the connection (e.g. a TLS handshake timeout). */
public final class ConnectionAbortedException extends SocketException {
    private static final long serialVersionUID = 1L;

    /** An abort that says why. */
    public ConnectionAbortedException(String message) {
        super(message);
    }
}
