package dev.aiobridge.reactor.net;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.ClientConnected;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * A connection served as a function of its bytes: the connection's input as a backpressured Flux in (see
 * {@link ByteFlux}), the bytes to send back out (written as {@link ByteSink} writes). An echo server is
 * {@code in -> in}.
 *
 * <pre>{@code
 * ByteHandler echo = in -> in;
 * ByteServer server = ByteServer.start(loop, "127.0.0.1", 8888, echo).block();
 * // or on the loop, as a start_server callback:
 * Server s = a.await(Streams.startServer(echo, "127.0.0.1", 8888));
 * }</pre>
 *
 * <p>Lifecycle of each connection: when the output completes, the connection is closed (what was written
 * is flushed first); if the input is still being read then (its subscriber requested from it and it has
 * not ended), the output's end is a half-close ({@code writeEof}, where the transport can) and the connection
 * closes once the input ends too (the peer's end of file, or a cancel). When the output fails, or the
 * function throws, the connection is aborted and the error goes on (to the loop's exception handler for a
 * server's connection, to the client's Mono). A cancelled connection task (a server shutting down) closes
 * it. The input may be subscribed at most once at a time.
 */
@FunctionalInterface
public interface ByteHandler extends Function<Flux<ByteBuffer>, Publisher<ByteBuffer>>, ClientConnected {

    /** The bytes to send on a connection whose input is {@code in}. */
    @Override
    Publisher<ByteBuffer> apply(Flux<ByteBuffer> in);

    /** As a {@code start_server} callback: serves the connection with this function, as a task. */
    @Override
    default Coroutine<?> connected(StreamReader reader, StreamWriter writer) {
        return serve(reader, writer);
    }

    /** Serves one connection with this function; done when the connection is closed. */
    default Coroutine<Void> serve(StreamReader reader, StreamWriter writer) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
        return Coroutine.ofVoid("ByteHandler.serve", a -> {
            EventLoop loop = writer.getLoop();
            Future<Void> inputEnded = loop.createFuture();
            boolean[] reading = {false}; // the loop thread's only
            Flux<ByteBuffer> in = ByteFlux.reading(reader, new ByteFlux.EndListener() {
                @Override
                public void started() {
                    reading[0] = true;
                }

                @Override
                public void ended(ByteFlux.End end) {
                    if (!inputEnded.isDone()) {
                        inputEnded.setResult(null);
                    }
                }
            });
            try {
                Publisher<ByteBuffer> out = Objects.requireNonNull(apply(in), "the ByteHandler returned null");
                a.await(ByteSink.writing(out, writer, ByteSink.End.KEEP_OPEN));
            } catch (dev.aiobridge.asyncio.CancelledError cancelled) {
                writer.close();
                throw cancelled;
            } catch (Throwable failed) {
                // closed cleanly under the handler (server.closeClients(), the peer's close): its output
                // has nowhere to go, and that is no error; anything else aborts and goes on
                boolean closedUnderIt = writer.isClosing() && reader.exception() == null
                        && failed instanceof java.net.SocketException;
                writer.transport().abort();
                if (closedUnderIt) {
                    return;
                }
                throw failed;
            }
            if (reading[0] && !inputEnded.isDone() && writer.canWriteEof()) {
                writer.writeEof(); // the output ended: the peer reads its end and may still send
                a.await(inputEnded);
            }
            writer.close();
            a.await(writer.waitClosed());
        });
    }
}
