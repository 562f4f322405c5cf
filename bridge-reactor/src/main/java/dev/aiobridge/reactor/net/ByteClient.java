package dev.aiobridge.reactor.net;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.reactor.ReactorBridge;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.ConnectOptions;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * A TCP client connection served by a {@link ByteHandler}, for Reactor code: built on
 * {@code Streams.openConnection}.
 *
 * <pre>{@code
 * List<ByteBuffer> reply = new ArrayList<>();
 * ByteClient.connect(loop, "127.0.0.1", port, in -> {
 *     in.subscribe(reply::add);                       // read the answer...
 *     return Flux.just(ByteBuffer.wrap(request));     // ...while sending the request, then writeEof
 * }).block();                                         // completes once the connection is closed
 * }</pre>
 */
public final class ByteClient {
    private ByteClient() {
    }

    /** Connects to {@code host:port} and serves the connection with {@code handler}, with the default limit. */
    public static Mono<Void> connect(EventLoop loop, String host, int port, ByteHandler handler) {
        return connect(loop, host, port, StreamReader.DEFAULT_LIMIT, ConnectOptions.defaults(), handler);
    }

    /**
     * Connects to {@code host:port} ({@code options}: TLS, ...) with a reader of {@code limit}, and serves
     * the connection with {@code handler} under {@link ByteHandler}'s lifecycle. The Mono completes when the
     * connection is closed, fails if connecting, the handler or the connection fails; cancelling it closes
     * the connection. It runs on {@code loop}, which must be running.
     */
    public static Mono<Void> connect(EventLoop loop, String host, int port, int limit, ConnectOptions options,
                                     ByteHandler handler) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        return ReactorBridge.mono(loop, "ByteClient.connect", () -> Coroutine.ofVoid(a -> {
            StreamPair c = a.await(Streams.openConnection(host, port, limit, options));
            a.await(handler.serve(c.reader(), c.writer()));
        }));
    }
}
