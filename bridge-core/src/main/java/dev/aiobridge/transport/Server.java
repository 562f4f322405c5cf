package dev.aiobridge.transport;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.ExceptionContext;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.SelectorEventLoop;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.internal.engine.Rethrow;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.coroutine.AsyncContextManager;
import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * asyncio's {@code Server} (CPython 3.13 {@code base_events.Server}): listening sockets that accept
 * connections, each served by a transport and a protocol from the factory.
 *
 * <p>Life, as in 3.13: {@link #close()} stops listening but leaves the accepted connections open;
 * {@link #waitClosed()} waits until the server is closed <em>and</em> every one of its connections is
 * gone; {@link #closeClients()}/{@link #abortClients()} close them. Invariants: {@code sockets} is null
 * once closed; {@code waiters} is null once the server is closed with no client left (then
 * {@code waitClosed} returns at once); a transport is in {@code clients} from its creation until its
 * {@code connectionLost} ran.
 */
public final class Server implements AsyncContextManager {
    /** How long to wait before listening again after running out of file descriptors (seconds). */
    private static final double ACCEPT_RETRY_DELAY = 1;

    private final SelectorEventLoop loop;
    private List<Listener> sockets;
    private final Set<Transport> clients = new LinkedHashSet<>();
    private List<Future<Void>> waiters = new ArrayList<>();
    private final Supplier<? extends BaseProtocol> protocolFactory;
    private final int backlog;
    private final TlsContext ssl;
    private final Double sslHandshakeTimeout;
    private final Double sslShutdownTimeout;
    private boolean serving;
    private Future<Void> servingForeverFut;

    /** One listening socket: bound (a placeholder that does not listen) until the server starts serving. */
    static final class Listener {
        final ProtocolFamily family;
        final SocketAddress address;
        final boolean reuseAddress;
        final boolean reusePort;
        /** Bound but not listening: holds the address until {@link #listen}; then null. */
        NetworkChannel placeholder;
        ServerSocketChannel listening;
        final TransportSocket view;
        /** A Unix listener's socket file and its identity, removed on close if still ours; else null. */
        java.nio.file.Path unixPath;
        Object unixFileKey;

        Listener(ProtocolFamily family, SocketAddress address, boolean reuseAddress, boolean reusePort,
                 NetworkChannel bound) {
            this.family = family;
            this.address = address;
            this.reuseAddress = reuseAddress;
            this.reusePort = reusePort;
            if (bound instanceof ServerSocketChannel ssc) {
                this.listening = ssc;
            } else {
                this.placeholder = bound;
            }
            this.view = new TransportSocket(bound, family);
        }

        void listen(int backlog) throws IOException {
            if (listening != null) {
                return;
            }
            ServerSocketChannel ssc = ServerSocketChannel.open(family);
            try {
                ssc.setOption(StandardSocketOptions.SO_REUSEADDR, reuseAddress);
                if (reusePort) {
                    ssc.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                ssc.bind(address, backlog);
                ssc.configureBlocking(false);
            } catch (IOException | RuntimeException e) {
                ssc.close();
                throw e;
            }
            listening = ssc;
            view.replace(ssc);
            placeholder.close();
            placeholder = null;
        }

        void close(SelectorEventLoop loop) {
            try {
                if (placeholder != null) {
                    placeholder.close();
                }
                if (listening != null) {
                    loop.closeChannel(listening); // released at once: the port is free when close() returns
                }
            } catch (IOException ignored) {
                // closing a listening socket does not fail in a way anyone could act on
            }
            if (unixPath != null) {
                try {
                    Object key = java.nio.file.Files.readAttributes(unixPath,
                            java.nio.file.attribute.BasicFileAttributes.class,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
                    if (key != null && key.equals(unixFileKey)) { // another server's file stays (3.13)
                        java.nio.file.Files.deleteIfExists(unixPath);
                    }
                } catch (IOException gone) {
                    // removed already
                }
            }
        }
    }

    Server(SelectorEventLoop loop, List<Listener> sockets, Supplier<? extends BaseProtocol> protocolFactory,
           ServerOptions options) {
        this.loop = loop;
        this.sockets = sockets;
        this.protocolFactory = protocolFactory;
        this.backlog = options.backlog();
        this.ssl = options.ssl();
        this.sslHandshakeTimeout = options.sslHandshakeTimeout();
        this.sslShutdownTimeout = options.sslShutdownTimeout();
    }

    void attach(Transport transport) {
        clients.add(transport);
    }

    void detach(Transport transport) {
        clients.remove(transport);
        if (clients.isEmpty() && sockets == null) {
            wakeup();
        }
    }

    private void wakeup() {
        List<Future<Void>> ws = waiters;
        waiters = null;
        if (ws == null) {
            return;
        }
        for (Future<Void> w : ws) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    void startServingNow() throws IOException {
        if (serving) {
            return;
        }
        serving = true;
        for (Listener l : sockets) {
            l.listen(backlog);
            ServerSocketChannel ssc = l.listening;
            loop.addReader(ssc, () -> acceptConnection(ssc));
        }
    }

    /** CPython's {@code _accept_connection}: accepts up to backlog connections per readiness event. */
    private void acceptConnection(ServerSocketChannel ssc) {
        for (int i = 0; i < backlog; i++) {
            SocketChannel conn;
            try {
                conn = ssc.accept();
                if (conn == null) {
                    return;
                }
                conn.configureBlocking(false);
            } catch (IOException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("Too many open files") || m.contains("No buffer space")
                        || m.contains("Cannot allocate memory")) {
                    loop.callExceptionHandler(ExceptionContext.of("socket.accept() out of system resource", e)
                            .with("socket", sockets == null ? null : viewOf(ssc)));
                    loop.removeReader(ssc);
                    loop.callLater(ACCEPT_RETRY_DELAY, () -> {
                        if (serving && ssc.isOpen()) {
                            loop.addReader(ssc, () -> acceptConnection(ssc));
                        }
                    });
                    return;
                }
                if (!ssc.isOpen()) {
                    return; // closed under us
                }
                throw new java.io.UncheckedIOException(e);
            }
            loop.createTask(acceptConnection2(conn), null, null);
        }
    }

    private TransportSocket viewOf(ServerSocketChannel ssc) {
        for (Listener l : sockets) {
            if (l.listening == ssc) {
                return l.view;
            }
        }
        return null;
    }

    /** CPython's {@code _accept_connection2}: a transport for one accepted connection. */
    private Coroutine<Void> acceptConnection2(SocketChannel conn) {
        return Coroutine.ofVoid("accept_connection2", a -> {
            BaseProtocol protocol = null;
            Transport transport = null;
            try {
                protocol = protocolFactory.get();
                Future<Void> waiter = loop.createFuture();
                SocketAddress peer = conn.getRemoteAddress();
                transport = Network.makeTransport(loop, conn, protocol, waiter, peer, this, ssl,
                        sslHandshakeTimeout, sslShutdownTimeout);
                try {
                    a.await(waiter);
                } catch (Throwable t) {
                    transport.close();
                    throw t;
                }
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable exc) {
                if (transport == null) {
                    try {
                        conn.close();
                    } catch (IOException ignored) {
                        // the accepted socket is dropped
                    }
                }
                if (loop.getDebug()) {
                    ExceptionContext ctx = ExceptionContext.of("Error on transport creation for incoming connection",
                            exc);
                    if (protocol != null) {
                        ctx = ctx.with("protocol", protocol);
                    }
                    if (transport != null) {
                        ctx = ctx.with("transport", transport);
                    }
                    loop.callExceptionHandler(ctx);
                }
            }
        });
    }

    /** The loop the server runs on. */
    public EventLoop getLoop() {
        return loop;
    }

    /** True while the server accepts connections. */
    public boolean isServing() {
        return serving;
    }

    /** The listening sockets; empty once the server is closed. */
    public List<TransportSocket> sockets() {
        if (sockets == null) {
            return List.of();
        }
        List<TransportSocket> views = new ArrayList<>(sockets.size());
        for (Listener l : sockets) {
            views.add(l.view);
        }
        return Collections.unmodifiableList(views);
    }

    /**
     * Stops listening and closes the listening sockets; the accepted connections stay open (3.13). A
     * pending {@link #serveForever()} is cancelled. A second call does nothing.
     */
    public void close() {
        List<Listener> ls = sockets;
        if (ls == null) {
            return;
        }
        sockets = null;
        for (Listener l : ls) {
            if (l.listening != null) {
                loop.removeReader(l.listening);
            }
            l.close(loop);
        }
        serving = false;
        if (servingForeverFut != null && !servingForeverFut.isDone()) {
            servingForeverFut.cancel();
            servingForeverFut = null;
        }
        if (clients.isEmpty()) {
            wakeup();
        }
    }

    /** Closes every accepted connection ({@code close()}: buffered data is still sent). */
    public void closeClients() {
        for (Transport t : new ArrayList<>(clients)) {
            t.close();
        }
    }

    /** Aborts every accepted connection (buffered data is dropped). */
    public void abortClients() {
        for (Transport t : new ArrayList<>(clients)) {
            t.abort();
        }
    }

    /** Starts listening (a second call does nothing) and lets one loop iteration pass. */
    public Coroutine<Void> startServing() {
        return Coroutine.ofVoid("Server.start_serving", a -> {
            startServingNow();
            a.await(AsyncIO.sleep(0)); // one iteration, so the accept readers are in place
        });
    }

    /**
     * Serves until cancelled: starts listening if needed, then waits; cancelling it closes the server
     * and waits for its connections. Raises {@link RuntimeError} if another
     * {@code serveForever} is waiting or if the server is closed.
     */
    public Coroutine<Void> serveForever() {
        return Coroutine.ofVoid("Server.serve_forever", a -> {
            if (servingForeverFut != null) {
                throw new RuntimeError("server " + this + " is already being awaited on serve_forever()");
            }
            if (sockets == null) {
                throw new RuntimeError("server " + this + " is closed");
            }
            startServingNow();
            servingForeverFut = loop.createFuture();
            try {
                a.await(servingForeverFut);
            } catch (CancelledError e) {
                close();
                try {
                    a.await(waitClosed());
                } catch (Throwable again) {
                    if (again != e) {
                        e.addSuppressed(again);
                    }
                }
                throw e;
            } finally {
                servingForeverFut = null;
            }
        });
    }

    /**
     * Waits until the server is closed and all its connections are gone (CPython 3.13); returns at once if
     * that happened already.
     */
    public Coroutine<Void> waitClosed() {
        return Coroutine.ofVoid("Server.wait_closed", a -> {
            if (waiters == null) {
                return;
            }
            Future<Void> waiter = loop.createFuture();
            waiters.add(waiter);
            a.await(waiter);
        });
    }

    /** {@code async with server: block}: runs {@code block}, then closes the server and waits for it. */
    @Override
    public <T> T with(Awaiter a, Block<T> block) {
        try {
            return block.run();
        } catch (Throwable t) {
            throw Rethrow.unchecked(t);
        } finally {
            close();
            a.await(waitClosed());
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Server sockets=(");
        if (sockets != null) {
            for (int i = 0; i < sockets.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(sockets.get(i).view);
            }
        }
        return sb.append(")>").toString();
    }

    static boolean isUnix(ProtocolFamily family) {
        return family == StandardProtocolFamily.UNIX;
    }
}
