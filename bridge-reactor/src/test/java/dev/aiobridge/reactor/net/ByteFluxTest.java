package dev.aiobridge.reactor.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.transport.TransportSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** A connection's bytes as a Flux: demand drives the socket, cancel, errors, the end, bounded memory. */
class ByteFluxTest extends LoopbackTestBase {

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String text(ByteBuffer b) {
        return StandardCharsets.ISO_8859_1.decode(b.duplicate()).toString();
    }

    private void send(StreamWriter writer, String data, boolean eof) {
        net.run(a -> {
            writer.write(data.getBytes(StandardCharsets.ISO_8859_1));
            if (eof) {
                writer.writeEof();
            }
            a.await(writer.drain());
            return null;
        });
    }

    @Test
    void eachRequestLetsOneChunkThroughAndTheEndOfTheStreamCompletes() {
        Loopback.Pair c = net.connect(1); // a limit of one byte: one chunk per byte
        send(c.peer().writer(), "abc", true);
        StepVerifier.create(ByteFlux.from(c.ours().reader()).map(ByteFluxTest::text), 1)
                .expectNext("a")
                .thenRequest(1)
                .expectNext("b")
                .thenRequest(5)
                .expectNext("c")
                .verifyComplete();
    }

    @Test
    void everyByteArrivesInOrderInChunksOfAtMostTheLimit() throws IOException {
        Loopback.Pair c = net.connect(4096);
        byte[] sent = new byte[1 << 20];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31 + (i >> 11));
        }
        net.run(a -> {
            c.peer().writer().write(sent);
            c.peer().writer().writeEof();
            return null;
        });
        List<ByteBuffer> chunks = ByteFlux.from(c.ours().reader()).collectList().block(Duration.ofSeconds(20));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (ByteBuffer chunk : chunks) {
            assertThat(chunk.remaining()).isBetween(1, 4096);
            received.write(chunk.array(), chunk.position(), chunk.remaining());
        }
        assertThat(received.toByteArray()).isEqualTo(sent);
    }

    @Test
    void cancellingTheReadersFluxLosesNoByteAndLeavesTheConnectionOpen() {
        Loopback.Pair c = net.connect(1);
        send(c.peer().writer(), "abcdef", false);
        StepVerifier.create(ByteFlux.from(c.ours().reader()).map(ByteFluxTest::text), 2)
                .expectNext("a", "b")
                .thenCancel()
                .verify();
        String rest = net.run(a -> {
            assertThat(c.ours().writer().isClosing()).isFalse();
            c.peer().writer().writeEof();
            return new String(a.await(c.ours().reader().read()), StandardCharsets.ISO_8859_1);
        });
        assertThat(rest).isEqualTo("cdef");
        // and a new subscriber reads on from there, here at the end of the stream
        StepVerifier.create(ByteFlux.from(c.ours().reader())).verifyComplete();
    }

    @Test
    void cancellingTheConnectionsFluxClosesTheConnection() {
        Loopback.Pair c = net.connect(1);
        send(c.peer().writer(), "abcdef", false);
        StepVerifier.create(ByteFlux.from(c.ours()).map(ByteFluxTest::text), 1)
                .expectNext("a")
                .thenCancel()
                .verify();
        byte[] atPeer = net.run(a -> {
            byte[] all = a.await(c.peer().reader().read()); // the peer reads our end of file
            a.await(c.ours().writer().waitClosed());
            return all;
        });
        assertThat(atPeer).isEmpty();
    }

    @Test
    void aPeerResetIsAnError() {
        Loopback.Pair c = net.connect(1024);
        StepVerifier.create(ByteFlux.from(c.ours().reader()))
                .then(() -> net.run(a -> {
                    TransportSocket sock = (TransportSocket) c.peer().writer().getExtraInfo("socket");
                    sock.setOption(StandardSocketOptions.SO_LINGER, 0);
                    c.peer().writer().transport().abort(); // an RST, not a FIN
                    return null;
                }))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IOException.class)
                        .hasMessageContaining("reset"))
                .verify();
    }

    @Test
    void aSecondSubscriberWhileTheFirstReadsIsAnError() {
        Loopback.Pair c = net.connect(1);
        send(c.peer().writer(), "a", false); // no end: after "a" the first reader waits in a read, active
        Flux<ByteBuffer> bytes = ByteFlux.from(c.ours().reader());
        java.util.concurrent.CompletableFuture<String> firstGot = new java.util.concurrent.CompletableFuture<>();
        reactor.core.Disposable first = bytes.map(ByteFluxTest::text).subscribe(firstGot::complete);
        assertThat(firstGot.join()).isEqualTo("a");
        // The first can neither end nor stop reading now (no more bytes, no end, no cancel): the second
        // meets it whatever the timing. (Subscribing from inside the first's onNext raced with the first
        // reaching the end of "ab" when the verifier's thread ran the script: the second then read on
        // from the end and completed, and the test waited for ever.)
        java.util.concurrent.CompletableFuture<Throwable> second = new java.util.concurrent.CompletableFuture<>();
        bytes.subscribe(b -> second.complete(null), second::complete, () -> second.complete(null));
        assertThat(second.join()).isInstanceOf(IllegalStateException.class).hasMessageContaining("one reader at a time");
        first.dispose();
    }

    @Test
    void aSubscriberCancelledBeforeItsFirstRequestHoldsNothing() {
        Loopback.Pair c = net.connect(1);
        send(c.peer().writer(), "ab", true);
        Flux<ByteBuffer> bytes = ByteFlux.from(c.ours().reader());
        StepVerifier.create(bytes, 0).expectSubscription().thenCancel().verify();
        StepVerifier.create(bytes.map(ByteFluxTest::text)).expectNext("a", "b").verifyComplete();
    }

    /**
     * A sender that writes 64 MiB as fast as {@code drain} lets it, and a subscriber that takes one chunk
     * at a time and asks for the next only a few loop iterations later: the receiving reader never holds
     * more than 2 x limit + one socket read, its transport is seen paused, and the sender's drain waits.
     */
    @Test
    void aSlowSubscriberBoundsTheReceiversMemoryAndTheSenderSeesBackpressure() throws InterruptedException {
        int limit = 64 * 1024;
        long total = 64L << 20;
        Loopback.Pair c = net.connect(limit);
        StreamReader reader = c.ours().reader();
        EventLoop loop = net.loop;
        int[] drainWaits = {0};
        net.run(a -> {
            AsyncIO.createTask(dev.aiobridge.coroutine.Coroutine.ofVoid(s -> { // the fast sender
                StreamWriter w = c.peer().writer();
                byte[] block = new byte[256 * 1024];
                for (long sent = 0; sent < total; sent += block.length) {
                    w.write(block);
                    if (w.transport().getWriteBufferSize() > w.transport().getWriteBufferLimits().high()) {
                        drainWaits[0]++; // pause_writing was called: drain will wait
                    }
                    s.await(w.drain());
                }
                w.writeEof();
            }));
            return null;
        });
        long[] received = {0};
        int[] maxBuffered = {0};
        int[] pausedSeen = {0};
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] failure = {null};
        ByteFlux.from(reader).subscribe(new CoreSubscriber<ByteBuffer>() {
            private Subscription s;

            @Override
            public void onSubscribe(Subscription s) {
                this.s = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer chunk) { // on the loop's thread
                received[0] += chunk.remaining();
                later(8);
            }

            private void later(int iterations) { // a slow consumer: the next request some iterations later
                sample();
                if (iterations == 0) {
                    s.request(1);
                } else {
                    loop.callSoon(() -> later(iterations - 1));
                }
            }

            private void sample() {
                maxBuffered[0] = Math.max(maxBuffered[0], reader.bufferedSize());
                if (!c.ours().writer().transport().isReading()) {
                    pausedSeen[0]++;
                }
            }

            @Override
            public void onError(Throwable t) {
                failure[0] = t;
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        assertThat(done.await(120, TimeUnit.SECONDS)).as("the transfer ends").isTrue();
        assertThat(failure[0]).isNull();
        int bound = 2 * limit + 256 * 1024; // above 2 x limit the reader pauses; one socket read is 256 KiB at most
        int[] seen = net.run(a -> new int[] {maxBuffered[0], pausedSeen[0], drainWaits[0]});
        assertThat(received[0]).isEqualTo(total);
        assertThat(seen[0]).as("most bytes the receiving reader held").isPositive().isLessThanOrEqualTo(bound);
        assertThat(seen[1]).as("samples with the receiving transport paused").isPositive();
        assertThat(seen[2]).as("writes after which the sender's drain waited").isPositive();
    }
}
