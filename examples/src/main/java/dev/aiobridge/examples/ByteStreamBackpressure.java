package dev.aiobridge.examples;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.reactor.ReactorBridge;
import dev.aiobridge.reactor.net.ByteFlux;
import dev.aiobridge.reactor.net.ByteServer;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.Streams;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A TCP connection's bytes as a {@code Flux<ByteBuffer>} with a slow subscriber: the server sends 32 MiB as
 * fast as {@code drain} lets it, the subscriber takes one chunk at a time with some work in between, and the
 * receiving side never holds more than its reader's bound. No demand means no read; the reader's buffer
 * fills to twice its limit and the reader pauses its transport, the kernel's window closes, the server's
 * {@code drain} waits, and its producer is asked for nothing more until the subscriber catches up.
 */
public final class ByteStreamBackpressure implements Example {
    private static final int BLOCK = 64 * 1024;
    private static final int BLOCKS = 512;

    @Override
    public String name() {
        return "byte-flux";
    }

    @Override
    public String summary() {
        return "a TCP connection's bytes as a Flux<ByteBuffer>: a slow subscriber slows the sender instead of filling memory";
    }

    @Override
    public String input() {
        return "a server that sends 32 MiB as fast as it may; a subscriber that takes one chunk per half millisecond";
    }

    @Override
    public void run(PrintStream out) {
        try (EventLoopThread thread = EventLoopThread.start("byte-flux-example")) {
            EventLoop loop = thread.getLoop();
            // tag::byteflux[]
            // the server: every connection gets 512 blocks of 64 KiB, written as drain allows
            Flux<ByteBuffer> blocks = Flux.range(0, BLOCKS).map(ByteStreamBackpressure::block);
            ByteServer server = ByteServer.start(loop, "127.0.0.1", 0, in -> blocks).block();

            // the client: the connection's bytes as a Flux, and a slow subscriber
            StreamPair connection = ReactorBridge.mono(loop, () -> Streams.openConnection("127.0.0.1", server.port()))
                    .block();
            StreamReader reader = connection.reader();
            int[] mostHeld = {0};
            boolean[] pausedSeen = {false};
            long received = ByteFlux.from(connection)
                    .doOnNext(chunk -> { // on the loop's thread, where the reader lives
                        mostHeld[0] = Math.max(mostHeld[0], reader.bufferedSize());
                        pausedSeen[0] |= !connection.writer().transport().isReading();
                    })
                    .concatMap(chunk -> Mono.delay(Duration.ofNanos(500_000)).thenReturn(chunk), 1) // busy, one at a time
                    .map(ByteBuffer::remaining)
                    .reduce(0L, Long::sum)
                    .block();
            // end::byteflux[]
            out.println("  client: received " + received / 1024 + " KiB, in chunks of at most "
                    + reader.limit() / 1024 + " KiB (the reader's limit)");
            int bound = 2 * reader.limit() + 256 * 1024;
            out.println("  client: the reader never held more than " + bound / 1024
                    + " KiB (2 x limit + one socket read): " + (mostHeld[0] <= bound ? "yes" : "no, " + mostHeld[0]));
            out.println("  client: while the subscriber was busy the reader paused its transport: "
                    + (pausedSeen[0] ? "yes" : "no"));
            ReactorBridge.mono(loop, () -> Coroutine.ofVoid(a -> { // our end too
                connection.writer().close();
                a.await(connection.writer().waitClosed());
            })).block();
            server.close().block();
            out.println("  server: closed once its connection ended");
        }
    }

    private static ByteBuffer block(int i) {
        byte[] b = new byte[BLOCK];
        Arrays.fill(b, (byte) i);
        return ByteBuffer.wrap(b);
    }
}
