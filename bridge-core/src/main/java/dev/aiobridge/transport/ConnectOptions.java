package dev.aiobridge.transport;

/**
 * The keyword arguments of {@code loop.create_connection} and {@code asyncio.open_connection}: TLS
 * ({@code ssl}, {@code server_hostname}, which defaults to the host, and the handshake and shutdown
 * timeouts). Immutable: each {@code with} method returns a changed copy.
 */
public final class ConnectOptions {
    private static final ConnectOptions DEFAULTS = new ConnectOptions(null, null, null, null);

    private final TlsContext ssl;
    private final String serverHostname;
    private final Double sslHandshakeTimeout;
    private final Double sslShutdownTimeout;

    private ConnectOptions(TlsContext ssl, String serverHostname, Double sslHandshakeTimeout,
                           Double sslShutdownTimeout) {
        this.ssl = ssl;
        this.serverHostname = serverHostname;
        this.sslHandshakeTimeout = sslHandshakeTimeout;
        this.sslShutdownTimeout = sslShutdownTimeout;
    }

    /** Plain TCP. */
    public static ConnectOptions defaults() {
        return DEFAULTS;
    }

    /** TLS with {@code context} (a client context). */
    public static ConnectOptions tls(TlsContext context) {
        return DEFAULTS.withSsl(context);
    }

    /** The TLS context, or null for plain TCP. */
    public TlsContext ssl() {
        return ssl;
    }

    /** The name the server certificate must match (null: the host connected to). */
    public String serverHostname() {
        return serverHostname;
    }

    /** The TLS handshake timeout in seconds (null: 60). */
    public Double sslHandshakeTimeout() {
        return sslHandshakeTimeout;
    }

    /** The TLS shutdown timeout in seconds (null: 30). */
    public Double sslShutdownTimeout() {
        return sslShutdownTimeout;
    }

    /** These options with TLS through {@code context}. */
    public ConnectOptions withSsl(TlsContext context) {
        return new ConnectOptions(context, serverHostname, sslHandshakeTimeout, sslShutdownTimeout);
    }

    /** These options checking the certificate against {@code name}. */
    public ConnectOptions withServerHostname(String name) {
        return new ConnectOptions(ssl, name, sslHandshakeTimeout, sslShutdownTimeout);
    }

    /** These options with a TLS handshake timeout in seconds. */
    public ConnectOptions withSslHandshakeTimeout(Double seconds) {
        return new ConnectOptions(ssl, serverHostname, seconds, sslShutdownTimeout);
    }

    /** These options with a TLS shutdown timeout in seconds. */
    public ConnectOptions withSslShutdownTimeout(Double seconds) {
        return new ConnectOptions(ssl, serverHostname, sslHandshakeTimeout, seconds);
    }
}
