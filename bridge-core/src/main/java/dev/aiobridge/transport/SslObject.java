package dev.aiobridge.transport;

import javax.net.ssl.SSLEngine;

/**
 * A TLS transport's {@code "ssl_object"} extra info: Python's {@code ssl.SSLObject} questions answered by
 * the connection's {@link SSLEngine}.
 */
public final class SslObject {
    private final SSLEngine engine;

    SslObject(SSLEngine engine) {
        this.engine = engine;
    }

    /** True on the server side of the connection. */
    public boolean serverSide() {
        return !engine.getUseClientMode();
    }

    /** The host name the client checked the certificate against (null on a server). */
    public String serverHostname() {
        return engine.getUseClientMode() ? engine.getPeerHost() : null;
    }

    /** The negotiated protocol version, e.g. {@code TLSv1.3}. */
    public String version() {
        return engine.getSession().getProtocol();
    }

    /** The protocol chosen by ALPN, or null if none was negotiated. */
    public String selectedAlpnProtocol() {
        String p = engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? null : p;
    }

    /** The JDK engine itself, for what this view does not answer. */
    public SSLEngine engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "<SslObject server_side=" + serverSide() + " version=" + version() + ">";
    }
}
