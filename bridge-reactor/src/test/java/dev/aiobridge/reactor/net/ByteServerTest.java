package dev.aiobridge.reactor.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.asyncio.ExceptionContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Servers and clients whose handler is a function of the connection's bytes; their lifecycle. */
class ByteServerTest {
    private static final Duration BOUND = Duration.ofSeconds(30); // a broken rule fails, never hangs
    private EventLoopThread thread;
    private EventLoop loop;
    private final List<ExceptionContext> reported = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        thread = EventLoopThread.start("byte-server-test");
        loop = thread.getLoop();
        loop.setExceptionHandler((l, context) -> reported.add(context));
    }

    @AfterEach
    void stop() {
        thread.close();
    }

    static String text(ByteBuffer b) {
        return StandardCharsets.ISO_8859_1.decode(b.duplicate()).toString();
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A client that sends {@code request}, half-closes, and collects the whole answer. */
    private byte[] exchange(int port, Flux<ByteBuffer> request) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteClient.connect(loop, "127.0.0.1", port, in -> {
            in.subscribe(b -> answer.write(b.array(), b.position(), b.remaining())); // on the loop's thread
            return request;
        }).block(BOUND);
        return answer.toByteArray();
    }

    @Test
    void anEchoServerIsTheIdentityAndClosesEachConnectionWhenItsOutputEnds() {
        ByteServer server = ByteServer.start(loop, "127.0.0.1", 0, in -> in).block(BOUND);
        byte[] block = new byte[64 * 1024];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i * 7);
        }
        byte[] echoed = exchange(server.port(), Flux.range(0, 32).map(i -> ByteBuffer.wrap(block.clone())));
        assertThat(echoed).hasSize(32 * block.length);
        assertThat(Arrays.copyOfRange(echoed, 31 * block.length, 32 * block.length)).isEqualTo(block);
        assertThat(exchange(server.port(), Flux.just(bytes("again")))).asString(StandardCharsets.ISO_8859_1)
                .isEqualTo("again");
        server.close().block(BOUND); // completes: both connections were closed by their handlers
        assertThat(reported).isEmpty();
    }

    @Test
    void aHandlerThatTransformsTheStreamAndOneThatIgnoresItsInput() {
        ByteServer upper = ByteServer.start(loop, "127.0.0.1", 0,
                in -> in.map(b -> bytes(text(b).toUpperCase()))).block(BOUND);
        assertThat(exchange(upper.port(), Flux.just(bytes("hello "), bytes("world"))))
                .asString(StandardCharsets.ISO_8859_1).isEqualTo("HELLO WORLD");
        ByteServer greeter = ByteServer.start(loop, "127.0.0.1", 0, in -> Flux.just(bytes("hi"))).block(BOUND);
        assertThat(exchange(greeter.port(), Flux.empty())) // the client half-closes at once and reads the answer
                .asString(StandardCharsets.ISO_8859_1).isEqualTo("hi");
        ByteServer neverAsks = ByteServer.start(loop, "127.0.0.1", 0, in -> {
            in.subscribe(new reactor.core.publisher.BaseSubscriber<ByteBuffer>() {
                @Override
                protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
                    // subscribed, never requests: the input is not being read, the output's end closes
                }
            });
            return Flux.just(bytes("bye"));
        }).block(BOUND);
        assertThat(exchange(neverAsks.port(), Flux.empty())).asString(StandardCharsets.ISO_8859_1).isEqualTo("bye");
        Mono.when(upper.close(), greeter.close(), neverAsks.close()).block(BOUND);
    }

    @Test
    void aFailingOutputAbortsTheConnectionAndReachesTheLoopsExceptionHandler() {
        ByteServer server = ByteServer.start(loop, "127.0.0.1", 0,
                in -> in.take(1).concatWith(Flux.error(new IllegalStateException("handler failed")))).block(BOUND);
        try {
            exchange(server.port(), Flux.just(bytes("x")));
        } catch (RuntimeException resetIsFine) {
            assertThat(resetIsFine).hasRootCauseInstanceOf(java.io.IOException.class);
        }
        server.close().block(BOUND);
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).message()).isEqualTo("Unhandled exception in client_connected_cb");
        assertThat(reported.get(0).exception()).hasMessage("handler failed");
    }

    @Test
    void closeNowClosesConnectionsWhoseHandlersWouldNeverEnd() throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ByteServer server = ByteServer.start(loop, "127.0.0.1", 0, in -> {
            connected.countDown();
            return Flux.never();
        }).block(BOUND);
        reactor.core.publisher.Sinks.Empty<Void> clientDone = reactor.core.publisher.Sinks.empty();
        ByteClient.connect(loop, "127.0.0.1", server.port(), in -> in.thenMany(Flux.empty()))
                .subscribe(null, clientDone::tryEmitError, clientDone::tryEmitEmpty);
        assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();
        server.closeNow().block(BOUND);
        clientDone.asMono().block(BOUND); // the client saw the server's end, its output ended, it closed too
        assertThat(reported).as("a connection closed under its handler is no error").isEmpty();
    }
}
