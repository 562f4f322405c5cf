package dev.aiobridge.reactor.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.transport.TransportSocket;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** A Publisher of buffers written into a StreamWriter: demand as drain allows, completion, errors, cancel. */
class ByteSinkTest extends LoopbackTestBase {
    private static final int BLOCK = 64 * 1024;

    static ByteBuffer filled(int size, int value) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) value);
        return ByteBuffer.wrap(b);
    }

    /** An endless source of blocks that counts what was requested and sees the cancel. */
    static Flux<ByteBuffer> endless(AtomicLong requested, AtomicBoolean cancelled) {
        return Flux.<ByteBuffer>generate(sink -> sink.next(filled(BLOCK, 7)))
                .doOnRequest(requested::addAndGet)
                .doOnCancel(() -> cancelled.set(true));
    }

    @Test
    void everyBufferIsWrittenInOrderThenTheConnectionCloses() {
        Loopback.Pair c = net.connect(64 * 1024);
        Flux<ByteBuffer> source = Flux.range(0, 256).map(i -> filled(4096, i));
        StepVerifier.create(ByteSink.write(source, c.ours().writer(), ByteSink.End.CLOSE)).verifyComplete();
        byte[] received = net.run(a -> a.await(c.peer().reader().read()));
        assertThat(received).hasSize(256 * 4096);
        for (int i = 0; i < 256; i++) {
            assertThat(received[i * 4096]).isEqualTo((byte) i);
            assertThat(received[i * 4096 + 4095]).isEqualTo((byte) i);
        }
        boolean closing = net.run(a -> c.ours().writer().isClosing());
        assertThat(closing).isTrue();
    }

    @Test
    void upstreamSeesTheSubscribersReactorContext() {
        Loopback.Pair c = net.connect(64 * 1024);
        Flux<ByteBuffer> source = Flux.deferContextual(context -> Flux.just(
                ByteBuffer.wrap(context.<String>get("tenant").getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        StepVerifier.create(ByteSink.write(source, c.ours().writer(), ByteSink.End.CLOSE)
                        .contextWrite(reactor.util.context.Context.of("tenant", "acme")))
                .verifyComplete();
        byte[] got = net.run(a -> a.await(c.peer().reader().read()));
        assertThat(new String(got, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("acme");
    }

    @Test
    void writeEofHalfClosesAndThePeerMayStillAnswer() {
        Loopback.Pair c = net.connect(64 * 1024);
        StepVerifier.create(ByteSink.write(Flux.just(filled(10, 1)), c.ours().writer(), ByteSink.End.WRITE_EOF))
                .verifyComplete();
        byte[] answer = net.run(a -> {
            assertThat(a.await(c.peer().reader().read())).hasSize(10); // then its end of file
            c.peer().writer().write(new byte[] {42});
            c.peer().writer().close();
            return a.await(c.ours().reader().read());
        });
        assertThat(answer).containsExactly(42);
    }

    @Test
    void upstreamIsAskedForMoreOnlyAsDrainAllows() {
        Loopback.Pair c = net.connect(64 * 1024);
        StreamWriter writer = c.ours().writer();
        AtomicLong requested = new AtomicLong();
        AtomicBoolean cancelled = new AtomicBoolean();
        Disposable writing = ByteSink.write(endless(requested, cancelled), writer).subscribe();
        long[] stalled = net.run(a -> {
            long high = writer.transport().getWriteBufferLimits().high();
            while (writer.transport().getWriteBufferSize() <= high) { // the peer does not read: it fills up
                a.await(AsyncIO.sleep(0));
            }
            long before = requested.get();
            for (int i = 0; i < 200; i++) {
                a.await(AsyncIO.sleep(0));
            }
            return new long[] {before, requested.get(), writer.transport().getWriteBufferSize()};
        });
        assertThat(stalled[1]).as("nothing more requested while drain would wait").isEqualTo(stalled[0]);
        assertThat(stalled[2]).as("buffered by our transport").isLessThanOrEqualTo(64 * 1024 + BLOCK);
        long afterPeerRead = net.run(a -> {
            a.await(c.peer().reader().readexactly(16 << 20)); // the peer reads: drain returns, demand resumes
            return requested.get();
        });
        assertThat(afterPeerRead).isGreaterThan(stalled[1]);
        writing.dispose();
        net.run(a -> {
            while (!cancelled.get()) {
                a.await(AsyncIO.sleep(0));
            }
            return null;
        });
        assertThat(cancelled).isTrue();
    }

    @Test
    void cancellingTheMonoCancelsUpstream() {
        Loopback.Pair c = net.connect(64 * 1024);
        AtomicLong requested = new AtomicLong();
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch upstreamCancelled = new CountDownLatch(1);
        Flux<ByteBuffer> source = endless(requested, cancelled).doOnCancel(upstreamCancelled::countDown);
        StepVerifier.create(ByteSink.write(source, c.ours().writer()))
                .expectSubscription()
                .then(() -> net.run(a -> { // wait until it is stalled on drain
                    while (requested.get() < 4) {
                        a.await(AsyncIO.sleep(0));
                    }
                    return null;
                }))
                .thenCancel()
                .verify();
        await(upstreamCancelled);
    }

    @Test
    void anUpstreamErrorFailsTheMonoAndLeavesTheConnectionOpen() {
        Loopback.Pair c = net.connect(64 * 1024);
        Flux<ByteBuffer> source = Flux.concat(Flux.just(filled(3, 5)), Flux.error(new IOException("boom")));
        StepVerifier.create(ByteSink.write(source, c.ours().writer(), ByteSink.End.CLOSE))
                .verifyErrorMessage("boom");
        byte[] got = net.run(a -> {
            assertThat(c.ours().writer().isClosing()).isFalse();
            return a.await(c.peer().reader().readexactly(3));
        });
        assertThat(got).containsExactly(5, 5, 5);
    }

    @Test
    void aResetConnectionFailsTheSinkAndCancelsUpstream() {
        Loopback.Pair c = net.connect(64 * 1024);
        AtomicLong requested = new AtomicLong();
        AtomicBoolean cancelled = new AtomicBoolean();
        StepVerifier.create(ByteSink.write(endless(requested, cancelled), c.ours().writer()))
                .expectSubscription()
                .then(() -> net.run(a -> {
                    while (requested.get() < 4) {
                        a.await(AsyncIO.sleep(0));
                    }
                    TransportSocket sock = (TransportSocket) c.peer().writer().getExtraInfo("socket");
                    sock.setOption(StandardSocketOptions.SO_LINGER, 0);
                    c.peer().writer().transport().abort(); // an RST
                    return null;
                }))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IOException.class))
                .verify();
        assertThat(cancelled).isTrue();
    }

    @Test
    void aConnectionClosedWhileUpstreamIsIdleFailsTheSinkAtOnce() {
        Loopback.Pair c = net.connect(64 * 1024);
        AtomicBoolean cancelled = new AtomicBoolean();
        StepVerifier.create(ByteSink.write(Flux.<ByteBuffer>never().doOnCancel(() -> cancelled.set(true)),
                        c.ours().writer()))
                .expectSubscription()
                .then(() -> net.run(a -> {
                    c.ours().writer().close(); // nothing is pending: only the close watch can tell
                    return null;
                }))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(java.net.SocketException.class)
                        .hasMessage("Connection lost"))
                .verify();
        assertThat(cancelled).isTrue();
    }

    static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
