package dev.aiobridge.reactor.net;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.reactor.ReactorBridge;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import java.nio.ByteBuffer;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * The bytes of a connection as a backpressured {@code Flux<ByteBuffer>} whose demand drives the socket.
 *
 * <pre>{@code
 * Flux<ByteBuffer> bytes = ByteFlux.from(connection);          // a StreamPair from openConnection
 * bytes.concatMap(this::process, 1).subscribe();               // a slow consumer slows the sender down
 * }</pre>
 *
 * <p>Each chunk is what one {@code reader.read(limit)} returns: at most the reader's limit, in a fresh
 * buffer the subscriber owns. The Flux reads only while there is demand; with none, the reader's buffer
 * fills to 2 &times; its limit and the reader pauses its transport ({@code pauseReading}, CPython's rule), so
 * the kernel's receive window closes and the TCP sender stops: a slow subscriber never makes the receiving
 * side hold more than 2 &times; limit + one socket read (256 KiB). Demand resumes reading. The end of the
 * stream is {@code onComplete}; an error of the connection (a peer reset) is {@code onError} with the
 * reader's exception. Both are seen by a read, so with demand (as {@code Flux.generate}, the end after a
 * chunk that used the last unit of demand is signalled on the next request); a connection already broken
 * at subscribe is an {@code onError} at once. Signals come from the loop's thread, one at a time; requests and cancels may come
 * from any thread. One subscriber reads at a time: another one while the first is active gets an
 * {@code onError}; after a cancel (or the end) a new subscriber reads on from where the last stopped.
 */
public final class ByteFlux {
    private ByteFlux() {
    }

    /**
     * The reader's bytes. Cancel stops reading and leaves the connection to its owner: no byte is lost (a
     * coroutine, or a new subscriber, reads on from the first byte the Flux did not emit), and the transport
     * stays paused once the reader's buffer is full.
     */
    public static Flux<ByteBuffer> from(StreamReader reader) {
        return reading(reader, null);
    }

    /**
     * The connection's bytes, as {@link #from(StreamReader)}; cancel closes the connection, as a Reactor
     * user expects from cancelling a connection's inbound (reactor-netty disposes the channel): what was
     * written is still flushed ({@link StreamWriter#close()}, not {@code abort}), unread input is dropped.
     */
    public static Flux<ByteBuffer> from(StreamPair connection) {
        Objects.requireNonNull(connection, "connection");
        StreamWriter writer = connection.writer();
        return reading(connection.reader(), end -> {
            if (end == End.CANCELLED) {
                writer.close();
            }
        });
    }

    /** How a subscription's reading ended. */
    enum End {
        /** The peer ended the stream: {@code onComplete}. */
        EOF,
        /** The connection broke: {@code onError}. */
        ERROR,
        /** The subscriber cancelled. */
        CANCELLED
    }

    /** Told on the loop thread when a subscription starts reading (its first request) and how its reading ended. */
    @FunctionalInterface
    interface EndListener {
        /** A subscriber began reading. */
        default void started() {
        }

        /** The reading of one subscription ended. */
        void ended(End end);
    }

    /** The reader's bytes; {@code onEnd} (may be null) is told how each subscription ended. */
    static Flux<ByteBuffer> reading(StreamReader reader, EndListener onEnd) {
        Objects.requireNonNull(reader, "reader");
        EventLoop loop = reader.getLoop();
        Reading state = new Reading();
        return ReactorBridge.flux(loop, () -> state.start(reader, onEnd));
    }

    /** Throws {@code t} as it is (the reader's exception, often an {@code IOException}), as the read would raise it. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException raise(Throwable t) throws E {
        throw (E) t;
    }

    /** The one-active-subscriber rule; the loop thread's only (the factory and the generator run there). */
    private static final class Reading {
        private boolean active;

        AsyncGenerator<ByteBuffer> start(StreamReader reader, EndListener onEnd) {
            Throwable broken = reader.exception();
            if (broken != null) {
                throw ByteFlux.<RuntimeException>raise(broken); // broken already: onError at once, without demand
            }
            // The body runs from the first request on (a subscription cancelled before it never runs it, and
            // so holds nothing): the rule is checked, and the reading announced, there.
            return AsyncGenerator.of(g -> {
                if (active) {
                    throw new IllegalStateException("the connection's bytes are already being read by another"
                            + " subscriber: one reader at a time (cancel the first, or share the Flux with publish())");
                }
                active = true;
                if (onEnd != null) {
                    onEnd.started();
                }
                End end = End.CANCELLED;
                try {
                    while (true) {
                        byte[] chunk = g.await(reader.read(reader.limit())); // resumes a paused transport
                        if (chunk.length == 0) {
                            end = End.EOF;
                            return;
                        }
                        g.yield(ByteBuffer.wrap(chunk)); // without demand: suspended here, nothing is read
                    }
                } finally {
                    if (end == End.CANCELLED && reader.exception() != null) {
                        end = End.ERROR; // the read raised what broke the connection
                    }
                    active = false;
                    if (onEnd != null) {
                        onEnd.ended(end);
                    }
                }
            });
        }
    }
}
