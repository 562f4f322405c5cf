package dev.aiobridge.transport;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;
import java.util.Objects;

/**
 * CPython's {@code trsock.TransportSocket}: a read-mostly view of a transport's or a server's socket
 * (its address, family and options) that cannot read, write or close it behind the transport's back.
 */
public final class TransportSocket {
    private volatile NetworkChannel channel;
    private final ProtocolFamily family;

    TransportSocket(NetworkChannel channel, ProtocolFamily family) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.family = family;
    }

    /** The socket's family: {@code INET}, {@code INET6} or {@code UNIX}. */
    public ProtocolFamily family() {
        return family;
    }

    /** The socket's own address ({@code getsockname()}); cached once the socket is closed. */
    public SocketAddress getLocalAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** The value of a socket option ({@code getsockopt}). */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        return channel.getOption(option);
    }

    /** Sets a socket option ({@code setsockopt}), e.g. {@code SO_LINGER} before an abort. */
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        channel.setOption(option, value);
    }

    /**
     * {@code shutdown(SHUT_WR)}: ends the output side of the connection at the TCP level, under any TLS
     * layer (so without a {@code close_notify}).
     */
    public void shutdownOutput() throws IOException {
        if (channel instanceof java.nio.channels.SocketChannel sc) {
            sc.shutdownOutput();
        } else {
            throw new java.nio.channels.NotYetConnectedException();
        }
    }

    /** True if the underlying socket is still open. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** A listening server swaps its placeholder for the listening socket (same address). */
    void replace(NetworkChannel listening) {
        this.channel = listening;
    }

    NetworkChannel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "<TransportSocket family=" + family + " laddr=" + getLocalAddress() + ">";
    }
}
