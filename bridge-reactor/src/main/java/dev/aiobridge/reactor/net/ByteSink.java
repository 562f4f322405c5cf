package dev.aiobridge.reactor.net;

import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.reactor.ReactorBridge;
import dev.aiobridge.streams.StreamWriter;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * A {@code Publisher<ByteBuffer>} written into a {@link StreamWriter}, asking upstream for each buffer only
 * as {@code drain} allows.
 *
 * <pre>{@code
 * Mono<Void> sent = ByteSink.write(fileChunks, writer, ByteSink.End.CLOSE);
 * }</pre>
 *
 * <p>Rules: one buffer is requested at a time; after it is written the next one is requested at once if
 * the transport's write buffer is at or below its high-water mark (so {@code drain()} would not wait),
 * otherwise only when {@code drain()} returns, that is once the buffer is back at the low-water mark: a
 * fast publisher and a slow peer hold at most the high-water mark plus one buffer in memory. The returned
 * Mono completes once upstream completed and everything is handed to the transport (and drained), then
 * does what {@link End} says; it fails with upstream's error (the connection is left as it is), or with
 * what broke or closed the connection, as soon as that happens (upstream is cancelled). Cancelling the Mono cancels the upstream subscription.
 * Buffers are written on the loop's thread after {@code onNext} returns: a publisher must not reuse a buffer
 * it emitted. Upstream sees the Mono's subscriber's Reactor Context.
 */
public final class ByteSink {
    private ByteSink() {
    }

    /** What happens to the connection once everything is written. */
    public enum End {
        /** Nothing: the connection stays open for more. */
        KEEP_OPEN,
        /** {@code writeEof()} (a TCP half-close: the peer reads its end of file, and may still answer). */
        WRITE_EOF,
        /** {@code close()}, and the Mono completes once the connection is closed. */
        CLOSE
    }

    /** Writes every buffer of {@code source} into {@code writer} and keeps the connection open. */
    public static Mono<Void> write(Publisher<? extends ByteBuffer> source, StreamWriter writer) {
        return write(source, writer, End.KEEP_OPEN);
    }

    /**
     * Writes every buffer of {@code source} into {@code writer}, then does {@code end}; a Mono per
     * subscription (each subscription subscribes to {@code source} again), run on the writer's loop.
     */
    public static Mono<Void> write(Publisher<? extends ByteBuffer> source, StreamWriter writer, End end) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(end, "end");
        return Mono.deferContextual(context -> ReactorBridge.mono(writer.getLoop(), "ByteSink.write",
                () -> writing(source, writer, end, context)));
    }

    /**
     * {@link #write(Publisher, StreamWriter, End)} for a coroutine on the writer's loop: awaiting it
     * writes everything; cancelling the awaiting task cancels the upstream subscription.
     */
    public static Coroutine<Void> writing(Publisher<? extends ByteBuffer> source, StreamWriter writer, End end) {
        return writing(source, writer, end, Context.empty());
    }

    /** {@link #writing(Publisher, StreamWriter, End)}; upstream sees {@code context} as its subscriber's. */
    static Coroutine<Void> writing(Publisher<? extends ByteBuffer> source, StreamWriter writer, End end,
                                   ContextView context) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(end, "end");
        return Coroutine.ofVoid("ByteSink.write", a -> {
            WriteSubscriber subscriber = new WriteSubscriber(writer, context);
            try {
                subscriber.start();
                source.subscribe(subscriber);
                a.await(subscriber.done()); // upstream ended and every buffer went to the transport
                a.await(writer.drain());
            } finally {
                subscriber.dispose(); // cancelled (or failed): upstream is cancelled, a pending drain too
            }
            switch (end) {
                case KEEP_OPEN -> { }
                case WRITE_EOF -> writer.writeEof();
                case CLOSE -> {
                    writer.close();
                    a.await(writer.waitClosed());
                }
            }
        });
    }
}
