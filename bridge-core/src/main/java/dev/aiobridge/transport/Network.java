package dev.aiobridge.transport;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.SelectorEventLoop;
import dev.aiobridge.builtins.TypeError;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The loop's stream-connection methods ({@code loop.create_connection}, {@code loop.create_server},
 * {@code loop.connect_accepted_socket}), for a {@link SelectorEventLoop}: transports built on the loop's
 * reader and writer callbacks, as CPython's {@code selector_events} builds them.
 *
 * <pre>{@code
 * Server server = a.await(Network.createServer(loop, EchoProtocol::new, "127.0.0.1", 8888));
 * Connection<MyProtocol> c = a.await(Network.createConnection(loop, MyProtocol::new, "127.0.0.1", 8888));
 * }</pre>
 */
public final class Network {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Network() {
    }

    /**
     * {@code loop.create_connection(protocol_factory, host, port)}: connects to each address of
     * {@code host} in turn until one accepts, then wraps the socket in a transport with a protocol from
     * {@code factory}. Returns once {@code connectionMade} was called. If every address fails, raises the
     * error (one, or all of them alike) or an {@link IOException} listing them.
     */
    public static <P extends BaseProtocol> Coroutine<Connection<P>> createConnection(
            EventLoop loop, Supplier<P> factory, String host, int port) {
        return createConnection(loop, factory, host, port, ConnectOptions.defaults());
    }

    /**
     * {@code loop.create_connection(..., ssl=..., server_hostname=..., ssl_handshake_timeout=...)}: with
     * TLS, returns once the handshake succeeded (the protocol's {@code connectionMade} comes then); the
     * certificate must match {@code serverHostname}, which defaults to {@code host}. A rejected
     * certificate raises {@link SslCertVerificationException}; a handshake that takes longer than its
     * timeout (60 s) raises {@link ConnectionAbortedException}.
     */
    public static <P extends BaseProtocol> Coroutine<Connection<P>> createConnection(
            EventLoop loop, Supplier<P> factory, String host, int port, ConnectOptions options) {
        SelectorEventLoop sel = selectorLoop(loop);
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(options, "options");
        return Coroutine.of("create_connection", a -> {
            TlsContext ssl = options.ssl();
            String serverHostname = options.serverHostname();
            if (serverHostname != null && ssl == null) {
                throw new ValueError("server_hostname is only meaningful with ssl");
            }
            if (serverHostname == null && ssl != null) {
                if (host == null || host.isEmpty()) {
                    throw new ValueError("You must set server_hostname when using ssl without a host");
                }
                serverHostname = host; // CPython: the host is the default server_hostname
            }
            if (options.sslHandshakeTimeout() != null && ssl == null) {
                throw new ValueError("ssl_handshake_timeout is only meaningful with ssl");
            }
            if (options.sslShutdownTimeout() != null && ssl == null) {
                throw new ValueError("ssl_shutdown_timeout is only meaningful with ssl");
            }
            InetAddress[] addresses = resolve(a, sel, host);
            List<IOException> errors = new ArrayList<>();
            for (InetAddress address : addresses) {
                ProtocolFamily family = familyOf(address);
                SocketChannel ch = SocketChannel.open(family);
                try {
                    ch.configureBlocking(false);
                    InetSocketAddress target = new InetSocketAddress(address, port);
                    try {
                        a.await(sel.sockConnect(ch, target));
                    } catch (Throwable e) {
                        if (e instanceof ConnectException) {
                            ConnectException named = new ConnectException(e.getMessage() + " (connect call to "
                                    + hostPort(target) + ")");
                            named.initCause(e);
                            throw named;
                        }
                        throw e;
                    }
                    return a.await(connectionTransport(sel, ch, family, factory, options, serverHostname, port));
                } catch (IOException e) {
                    ch.close();
                    errors.add(e);
                } catch (Throwable t) {
                    ch.close();
                    throw t;
                }
            }
            throw connectFailure(errors);
        });
    }

    /**
     * {@code loop.connect_accepted_socket(protocol_factory, sock)}: a transport for a socket accepted
     * elsewhere (it is made non-blocking), with a protocol from {@code factory}.
     */
    public static <P extends BaseProtocol> Coroutine<Connection<P>> connectAccepted(
            EventLoop loop, Supplier<P> factory, SocketChannel channel) {
        SelectorEventLoop sel = selectorLoop(loop);
        return Coroutine.of("connect_accepted_socket", a -> {
            channel.configureBlocking(false);
            SocketAddress local = channel.getLocalAddress();
            ProtocolFamily family = local instanceof InetSocketAddress isa ? familyOf(isa.getAddress())
                    : StandardProtocolFamily.UNIX;
            return a.await(connectionTransport(sel, channel, family, factory, ConnectOptions.defaults(), null, 0));
        });
    }

    /**
     * {@code loop.create_server(protocol_factory, host, port)} with CPython's defaults: listens on every
     * address of {@code host} (null: the wildcard address), port 0 picks a free port (see
     * {@link Server#sockets()}).
     */
    public static Coroutine<Server> createServer(EventLoop loop, Supplier<? extends BaseProtocol> factory,
                                                 String host, int port) {
        return createServer(loop, factory, host, port, ServerOptions.defaults());
    }

    /**
     * {@code loop.create_server(...)} with options: with {@code startServing} false the sockets are bound
     * (so {@link Server#sockets()} knows the port) but refuse connections until
     * {@link Server#startServing()}.
     */
    public static Coroutine<Server> createServer(EventLoop loop, Supplier<? extends BaseProtocol> factory,
                                                 String host, int port, ServerOptions options) {
        SelectorEventLoop sel = selectorLoop(loop);
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(options, "options");
        checkServerTls(options);
        return Coroutine.of("create_server", a -> {
            InetAddress[] addresses = host == null ? new InetAddress[] {null} : resolve(a, sel, host);
            Set<InetAddress> distinct = new LinkedHashSet<>(java.util.Arrays.asList(addresses));
            List<Server.Listener> listeners = new ArrayList<>();
            boolean completed = false;
            try {
                for (InetAddress address : distinct) {
                    ProtocolFamily family = address == null ? StandardProtocolFamily.INET6 : familyOf(address);
                    InetSocketAddress bindTo = address == null ? new InetSocketAddress(port)
                            : new InetSocketAddress(address, port);
                    listeners.add(bindListener(family, bindTo, options));
                }
                Server server = new Server(sel, listeners, factory, options);
                if (options.startServing()) {
                    server.startServingNow();
                    a.await(dev.aiobridge.asyncio.AsyncIO.sleep(0)); // let the readers take effect
                }
                completed = true;
                return server;
            } finally {
                if (!completed) {
                    for (Server.Listener l : listeners) {
                        if (l.listening != null) {
                            sel.removeReader(l.listening);
                        }
                        l.close(sel);
                    }
                }
            }
        });
    }

    /**
     * {@code loop.create_unix_connection(protocol_factory, path)}: a Unix-domain stream connection. A
     * path with no socket raises {@link java.nio.file.NoSuchFileException} (Python's
     * {@code FileNotFoundError}).
     */
    public static <P extends BaseProtocol> Coroutine<Connection<P>> createUnixConnection(
            EventLoop loop, Supplier<P> factory, String path) {
        SelectorEventLoop sel = selectorLoop(loop);
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(path, "path");
        return Coroutine.of("create_unix_connection", a -> {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.configureBlocking(false);
                try {
                    a.await(sel.sockConnect(ch, UnixDomainSocketAddress.of(path)));
                } catch (Throwable e) {
                    if (e instanceof IOException && String.valueOf(e.getMessage()).contains("No such file")) {
                        NoSuchFileException missing = new NoSuchFileException(path, null, e.getMessage());
                        missing.initCause(e);
                        throw missing;
                    }
                    throw e;
                }
                return a.await(connectionTransport(sel, ch, StandardProtocolFamily.UNIX, factory,
                        ConnectOptions.defaults(), null, 0));
            } catch (Throwable t) {
                ch.close();
                throw t;
            }
        });
    }

    /** {@code loop.create_unix_server(protocol_factory, path)} with CPython's defaults. */
    public static Coroutine<Server> createUnixServer(EventLoop loop, Supplier<? extends BaseProtocol> factory,
                                                     String path) {
        return createUnixServer(loop, factory, path, ServerOptions.defaults());
    }

    /**
     * {@code loop.create_unix_server(...)} (3.13): a socket file left at {@code path} by an earlier server
     * is replaced (any other file makes the bind fail); closing the server removes the socket file if it
     * is still the one it created ({@code cleanup_socket=True}). A Unix listener listens from the start.
     */
    public static Coroutine<Server> createUnixServer(EventLoop loop, Supplier<? extends BaseProtocol> factory,
                                                     String path, ServerOptions options) {
        SelectorEventLoop sel = selectorLoop(loop);
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(path, "path");
        return Coroutine.of("create_unix_server", a -> {
            Path file = Path.of(path);
            try {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attrs.isOther()) { // a socket (CPython: stat.S_ISSOCK): a stale one is removed
                    Files.deleteIfExists(file);
                }
            } catch (NoSuchFileException absent) {
                // nothing to replace
            }
            ServerSocketChannel ssc = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            Server.Listener listener;
            try {
                ssc.bind(UnixDomainSocketAddress.of(file), options.backlog());
                ssc.configureBlocking(false);
                Object inode = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .fileKey();
                listener = new Server.Listener(StandardProtocolFamily.UNIX, ssc.getLocalAddress(), false, false, ssc);
                listener.unixPath = file;
                listener.unixFileKey = inode;
            } catch (IOException | RuntimeException e) {
                ssc.close();
                throw e;
            }
            Server server = new Server(sel, new ArrayList<>(List.of(listener)), factory, options);
            if (options.startServing()) {
                server.startServingNow();
                a.await(dev.aiobridge.asyncio.AsyncIO.sleep(0));
            }
            return server;
        });
    }

    private static void checkServerTls(ServerOptions options) {
        if (options.ssl() == null && options.sslHandshakeTimeout() != null) {
            throw new ValueError("ssl_handshake_timeout is only meaningful with ssl");
        }
        if (options.ssl() == null && options.sslShutdownTimeout() != null) {
            throw new ValueError("ssl_shutdown_timeout is only meaningful with ssl");
        }
    }

    /**
     * {@code loop.start_tls(transport, protocol, sslcontext, server_side=..., server_hostname=...)}: upgrades
     * an open connection to TLS and returns the new transport (the old one must not be used any more);
     * {@code protocol} receives the plain bytes from then on (its {@code connectionMade} is not called
     * again).
     */
    public static Coroutine<Transport> startTls(EventLoop loop, Transport transport, BaseProtocol protocol,
                                                TlsContext context, boolean serverSide, String serverHostname,
                                                Double handshakeTimeout, Double shutdownTimeout) {
        SelectorEventLoop sel = selectorLoop(loop);
        Objects.requireNonNull(context, "context");
        return Coroutine.of("start_tls", a -> {
            if (!(transport instanceof SocketTransport st)) {
                throw new TypeError("transport " + transport + " is not supported by start_tls()");
            }
            Future<Void> waiter = sel.createFuture();
            int port = st.getExtraInfo("peername") instanceof InetSocketAddress isa ? isa.getPort() : 0;
            SslProtocol sp = new SslProtocol(sel, protocol, context, waiter, serverSide, serverHostname, port,
                    handshakeTimeout, shutdownTimeout, false);
            // Pause first, so the TLS protocol sees no data before its connectionMade.
            st.pauseReading();
            st.setProtocol(sp);
            dev.aiobridge.asyncio.Handle made = sel.callSoon(() -> sp.connectionMade(st));
            dev.aiobridge.asyncio.Handle resume = sel.callSoon(st::resumeReading);
            try {
                a.await(waiter);
            } catch (Throwable t) {
                st.close();
                made.cancel();
                resume.cancel();
                throw t;
            }
            return sp.appTransport();
        });
    }

    /** A bound socket that does not listen yet: a listener starts listening in {@link Server.Listener#listen}. */
    private static Server.Listener bindListener(ProtocolFamily family, InetSocketAddress address,
                                                ServerOptions options) throws IOException {
        // A TCP socket can be bound without listening only by a client-side socket: it reserves the address
        // (so the port is known and connects are refused) until the listening socket takes it over.
        SocketChannel placeholder = SocketChannel.open(family);
        try {
            placeholder.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (options.reusePort()) {
                placeholder.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            placeholder.bind(address);
            return new Server.Listener(family, placeholder.getLocalAddress(), options.reuseAddress(),
                    options.reusePort(), placeholder);
        } catch (IOException | RuntimeException e) {
            placeholder.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------

    static Transport makeTransport(SelectorEventLoop loop, SocketChannel channel, BaseProtocol protocol,
                                   Future<Void> waiter, SocketAddress peer, Server server, TlsContext ssl,
                                   Double handshakeTimeout, Double shutdownTimeout) throws IOException {
        SocketAddress local = channel.getLocalAddress();
        ProtocolFamily family = local instanceof InetSocketAddress isa ? familyOf(isa.getAddress())
                : StandardProtocolFamily.UNIX;
        Map<String, Object> extra = new java.util.HashMap<>();
        extra.put("peername", peer);
        if (ssl != null) {
            SslProtocol sp = new SslProtocol(loop, protocol, ssl, waiter, true, null, 0, handshakeTimeout,
                    shutdownTimeout, true);
            new SocketTransport(loop, channel, family, sp, null, extra, server);
            return sp.appTransport();
        }
        return new SocketTransport(loop, channel, family, protocol, waiter, extra, server);
    }

    /** CPython's {@code _create_connection_transport}: a transport, then wait for connection_made. */
    private static <P extends BaseProtocol> Coroutine<Connection<P>> connectionTransport(
            SelectorEventLoop loop, SocketChannel channel, ProtocolFamily family, Supplier<P> factory,
            ConnectOptions options, String serverHostname, int port) {
        return Coroutine.of("create_connection_transport", a -> {
            P protocol = factory.get();
            Future<Void> waiter = loop.createFuture();
            Transport transport;
            if (options.ssl() != null) {
                SslProtocol sp = new SslProtocol(loop, protocol, options.ssl(), waiter, false, serverHostname, port,
                        options.sslHandshakeTimeout(), options.sslShutdownTimeout(), true);
                new SocketTransport(loop, channel, family, sp, null, null, null);
                transport = sp.appTransport();
            } else {
                transport = new SocketTransport(loop, channel, family, protocol, waiter, null, null);
            }
            try {
                a.await(waiter);
            } catch (Throwable t) {
                transport.close();
                throw t;
            }
            return new Connection<>(transport, protocol);
        });
    }

    static SelectorEventLoop selectorLoop(EventLoop loop) {
        Objects.requireNonNull(loop, "loop");
        if (loop instanceof SelectorEventLoop sel) {
            return sel;
        }
        throw new IllegalArgumentException("sockets need a SelectorEventLoop; " + loop.getClass().getSimpleName()
                + " has no I/O");
    }

    private static InetAddress[] resolve(Awaiter a, SelectorEventLoop loop, String host) throws Throwable {
        Objects.requireNonNull(host, "host");
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            return InetAddress.getAllByName(host); // a literal: no lookup
        }
        // getaddrinfo may block: CPython runs it in the default executor, so do we
        return a.await(loop.runInExecutor(null, () -> InetAddress.getAllByName(host)));
    }

    static ProtocolFamily familyOf(InetAddress address) {
        return address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    private static String hostPort(InetSocketAddress a) {
        return "('" + a.getAddress().getHostAddress() + "', " + a.getPort() + ")";
    }

    private static IOException connectFailure(List<IOException> errors) {
        if (errors.size() == 1) {
            return errors.get(0);
        }
        String model = String.valueOf(errors.get(0).getMessage());
        boolean same = errors.stream().allMatch(e -> model.equals(String.valueOf(e.getMessage())));
        if (same) {
            return errors.get(0);
        }
        StringBuilder sb = new StringBuilder("Multiple exceptions: ");
        for (int i = 0; i < errors.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(errors.get(i).getMessage());
        }
        IOException all = new IOException(sb.toString());
        errors.forEach(all::addSuppressed);
        return all;
    }
}
