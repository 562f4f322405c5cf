package dev.aiobridge.reactor.net;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.reactor.ReactorBridge;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.ServerOptions;
import java.net.InetSocketAddress;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * A TCP server whose connections are each served by a {@link ByteHandler}, for Reactor code: built on
 * {@code Streams.startServer}, so every connection has a {@link StreamReader} with its limit and CPython's
 * flow control under the handler's Flux.
 *
 * <pre>{@code
 * ByteServer server = ByteServer.start(loop, "127.0.0.1", 0, in -> in).block();   // an echo server
 * ...
 * server.close().block();   // stops listening, then waits for the open connections to finish
 * }</pre>
 */
public final class ByteServer {
    private final Server server;

    private ByteServer(Server server) {
        this.server = server;
    }

    /** Starts serving {@code handler} on {@code host:port} (port 0: any free port) with the default limit. */
    public static Mono<ByteServer> start(EventLoop loop, String host, int port, ByteHandler handler) {
        return start(loop, host, port, StreamReader.DEFAULT_LIMIT, ServerOptions.defaults(), handler);
    }

    /**
     * Starts serving {@code handler} on {@code host:port}; {@code limit} is each connection's
     * {@link StreamReader} limit (a read returns at most that many bytes, and the reader pauses its
     * transport above twice as many unread), {@code options} the server's ({@code backlog}, TLS, ...).
     * The Mono runs on {@code loop}, which must be running.
     */
    public static Mono<ByteServer> start(EventLoop loop, String host, int port, int limit, ServerOptions options,
                                         ByteHandler handler) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        return ReactorBridge.mono(loop, "ByteServer.start", () -> Coroutine.of(a ->
                new ByteServer(a.await(Streams.startServer(handler, host, port, limit, options)))));
    }

    /** The core server, for code on its loop ({@code closeClients}, {@code abortClients}, {@code sockets}, ...). */
    public Server server() {
        return server;
    }

    /** The address of the first listening socket (its port is the one chosen for port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.sockets().get(0).getLocalAddress();
    }

    /** The port of {@link #address()}. */
    public int port() {
        return address().getPort();
    }

    /**
     * Stops listening, then completes once every open connection has finished (CPython 3.13's
     * {@code close()} then {@code wait_closed()}); {@link #closeNow()} closes the connections too.
     */
    public Mono<Void> close() {
        return ReactorBridge.mono(server.getLoop(), "ByteServer.close", () -> Coroutine.ofVoid(a -> {
            server.close();
            a.await(server.waitClosed());
        }));
    }

    /** Stops listening and closes every open connection (what they wrote is flushed), then waits for them. */
    public Mono<Void> closeNow() {
        return ReactorBridge.mono(server.getLoop(), "ByteServer.closeNow", () -> Coroutine.ofVoid(a -> {
            server.close();
            server.closeClients();
            a.await(server.waitClosed());
        }));
    }

    @Override
    public String toString() {
        return "<ByteServer " + server + ">";
    }
}
