package dev.aiobridge.transport;

/** asyncio's {@code BaseTransport}: what every transport offers. */
public interface BaseTransport {

    /**
     * Extra information about the transport ({@code get_extra_info}): {@code "peername"},
     * {@code "sockname"}, {@code "socket"}, and on TLS transports {@code "peercert"}, {@code "cipher"},
     * {@code "compression"}, {@code "ssl_object"}, {@code "sslcontext"}; null if unknown.
     */
    default Object getExtraInfo(String name) {
        return getExtraInfo(name, null);
    }

    /** {@link #getExtraInfo(String)} with a default for an unknown or missing key. */
    Object getExtraInfo(String name, Object defaultValue);

    /** True once the transport is closing or closed. */
    boolean isClosing();

    /**
     * Closes the transport: buffered outgoing data is still sent, then the protocol's
     * {@code connectionLost(null)} is called. A second call does nothing.
     */
    void close();

    /** Switches the protocol the transport calls from now on. */
    void setProtocol(BaseProtocol protocol);

    /** The protocol the transport calls. */
    BaseProtocol getProtocol();
}
