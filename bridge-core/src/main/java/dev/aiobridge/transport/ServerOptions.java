package dev.aiobridge.transport;

/**
 * The keyword arguments of {@code loop.create_server} and {@code asyncio.start_server}, with CPython's
 * defaults: {@code backlog=100}, {@code reuse_address=True} (POSIX), {@code reuse_port=False},
 * {@code start_serving=True}, no TLS. Immutable: each {@code with} method returns a changed copy.
 */
public final class ServerOptions {
    private static final ServerOptions DEFAULTS = new ServerOptions(100, true, false, true, null, null, null);

    private final int backlog;
    private final boolean reuseAddress;
    private final boolean reusePort;
    private final boolean startServing;
    private final TlsContext ssl;
    private final Double sslHandshakeTimeout;
    private final Double sslShutdownTimeout;

    private ServerOptions(int backlog, boolean reuseAddress, boolean reusePort, boolean startServing, TlsContext ssl,
                          Double sslHandshakeTimeout, Double sslShutdownTimeout) {
        this.backlog = backlog;
        this.reuseAddress = reuseAddress;
        this.reusePort = reusePort;
        this.startServing = startServing;
        this.ssl = ssl;
        this.sslHandshakeTimeout = sslHandshakeTimeout;
        this.sslShutdownTimeout = sslShutdownTimeout;
    }

    /** CPython's defaults. */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /** The listen backlog, and how many connections one readiness event accepts at most. */
    public int backlog() {
        return backlog;
    }

    /** Whether {@code SO_REUSEADDR} is set on the listening sockets. */
    public boolean reuseAddress() {
        return reuseAddress;
    }

    /** Whether {@code SO_REUSEPORT} is set on the listening sockets. */
    public boolean reusePort() {
        return reusePort;
    }

    /** Whether the server listens at once (else only after {@link Server#startServing()}). */
    public boolean startServing() {
        return startServing;
    }

    /** The TLS context of the connections ({@code ssl=}), or null for plain TCP. */
    public TlsContext ssl() {
        return ssl;
    }

    /** The TLS handshake timeout in seconds (null: 60). */
    public Double sslHandshakeTimeout() {
        return sslHandshakeTimeout;
    }

    /** The TLS shutdown timeout in seconds (null: 30). */
    public Double sslShutdownTimeout() {
        return sslShutdownTimeout;
    }

    /** These options with another backlog. */
    public ServerOptions withBacklog(int backlog) {
        return new ServerOptions(backlog, reuseAddress, reusePort, startServing, ssl, sslHandshakeTimeout,
                sslShutdownTimeout);
    }

    /** These options with {@code SO_REUSEADDR} on or off. */
    public ServerOptions withReuseAddress(boolean on) {
        return new ServerOptions(backlog, on, reusePort, startServing, ssl, sslHandshakeTimeout, sslShutdownTimeout);
    }

    /** These options with {@code SO_REUSEPORT} on or off. */
    public ServerOptions withReusePort(boolean on) {
        return new ServerOptions(backlog, reuseAddress, on, startServing, ssl, sslHandshakeTimeout, sslShutdownTimeout);
    }

    /** These options with {@code start_serving} on or off. */
    public ServerOptions withStartServing(boolean on) {
        return new ServerOptions(backlog, reuseAddress, reusePort, on, ssl, sslHandshakeTimeout, sslShutdownTimeout);
    }

    /** These options serving TLS with {@code context} (a server context). */
    public ServerOptions withSsl(TlsContext context) {
        return new ServerOptions(backlog, reuseAddress, reusePort, startServing, context, sslHandshakeTimeout,
                sslShutdownTimeout);
    }

    /** These options with TLS handshake and shutdown timeouts in seconds (null: CPython's 60 and 30). */
    public ServerOptions withSslTimeouts(Double handshake, Double shutdown) {
        return new ServerOptions(backlog, reuseAddress, reusePort, startServing, ssl, handshake, shutdown);
    }
}
