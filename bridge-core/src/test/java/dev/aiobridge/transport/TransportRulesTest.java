package dev.aiobridge.transport;

import dev.aiobridge.asyncio.SelectorProbe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.ExceptionContext;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.SelectorEventLoop;
import dev.aiobridge.coroutine.Coroutine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPython's transport rules (selector_events._SelectorSocketTransport, transports._FlowControlMixin). */
class TransportRulesTest {

    /** A protocol that records its callbacks. */
    static class Recorder implements Protocol {
        final List<String> events = new ArrayList<>();
        final Future<Throwable> lost;
        Transport transport;
        boolean pauseReadingOnMade;

        Recorder(EventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            events.add("made");
            if (pauseReadingOnMade) {
                t.pauseReading();
            }
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("data");
        }

        @Override
        public void pauseWriting() {
            events.add("pause");
        }

        @Override
        public void resumeWriting() {
            events.add("resume");
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("lost");
            lost.setResult(exc);
        }
    }

    static int port(Server s) {
        return ((InetSocketAddress) s.sockets().get(0).getLocalAddress()).getPort();
    }

    static long openFds() {
        String[] fds = new java.io.File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @Test
    void writeFlowControlPausesStrictlyAboveHighSynchronouslyAndResumesAtLowFromTheLoop() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            List<Recorder> servers = new ArrayList<>();
            Server server = a.await(Network.createServer(loop, () -> {
                Recorder r = new Recorder(loop);
                r.pauseReadingOnMade = true; // the peer does not read: the kernel buffers fill up
                servers.add(r);
                return r;
            }, "127.0.0.1", 0));
            Connection<Recorder> c = a.await(Network.createConnection(loop, () -> new Recorder(loop), "127.0.0.1",
                    port(server)));
            Transport t = c.transport();
            t.setWriteBufferLimits(1L << 40);
            byte[] chunk = new byte[65536];
            while (t.getWriteBufferSize() == 0) {
                t.write(chunk);
            }
            long size = t.getWriteBufferSize();
            t.setWriteBufferLimits(size + 10, 0L);
            t.write(new byte[10]);
            assertThat(t.getWriteBufferSize()).isEqualTo(size + 10);
            assertThat(c.protocol().events).as("at the high-water mark exactly: no pause").doesNotContain("pause");
            t.write(new byte[1]);
            assertThat(c.protocol().events).as("one byte above: paused inside write()").endsWith("pause");
            t.write(new byte[1]);
            assertThat(c.protocol().events.stream().filter("pause"::equals).count()).isEqualTo(1);
            while (servers.isEmpty() || servers.get(0).transport == null) {
                a.await(AsyncIO.sleep(0));
            }
            servers.get(0).transport.resumeReading();
            while (!c.protocol().events.contains("resume")) {
                a.await(AsyncIO.sleep(0.001));
            }
            assertThat(t.getWriteBufferSize()).as("resumed only at or below low (0)").isZero();
            assertThat(c.protocol().events.stream().filter("resume"::equals).count()).isEqualTo(1);
            t.close();
            a.await(c.protocol().lost);
            servers.get(0).transport.close();
            server.close();
            a.await(server.waitClosed());
        }));
    }

    @Test
    void writeBufferLimitsDefaultsAndValidation() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Server server = a.await(Network.createServer(loop, () -> new Recorder(loop), "127.0.0.1", 0));
            Connection<Recorder> c = a.await(Network.createConnection(loop, () -> new Recorder(loop), "127.0.0.1",
                    port(server)));
            Transport t = c.transport();
            assertThat(t.getWriteBufferLimits()).isEqualTo(new WriteBufferLimits(16384, 65536));
            t.setWriteBufferLimits(1000L, null);
            assertThat(t.getWriteBufferLimits()).isEqualTo(new WriteBufferLimits(250, 1000));
            t.setWriteBufferLimits(null, 100L);
            assertThat(t.getWriteBufferLimits()).isEqualTo(new WriteBufferLimits(100, 400));
            assertThatThrownBy(() -> t.setWriteBufferLimits(1L, 2L)).isInstanceOf(dev.aiobridge.builtins.ValueError.class)
                    .hasMessage("high (1) must be >= low (2) must be >= 0");
            assertThatThrownBy(() -> t.setWriteBufferLimits(1L, -1L)).isInstanceOf(dev.aiobridge.builtins.ValueError.class);
            assertThat(t.canWriteEof()).isTrue();
            t.close();
            a.await(c.protocol().lost);
            server.close();
            a.await(server.waitClosed());
        }));
    }

    @Test
    void closeTwiceWriteAfterCloseAndAfterWriteEof() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Server server = a.await(Network.createServer(loop, () -> new Recorder(loop), "127.0.0.1", 0));
            Connection<Recorder> c = a.await(Network.createConnection(loop, () -> new Recorder(loop), "127.0.0.1",
                    port(server)));
            Transport t = c.transport();
            t.writeEof();
            t.writeEof(); // no-op
            assertThatThrownBy(() -> t.write(new byte[1])).isInstanceOf(dev.aiobridge.builtins.RuntimeError.class)
                    .hasMessage("Cannot call write() after write_eof()");
            assertThatThrownBy(() -> t.writelines(List.of(new byte[1]))).isInstanceOf(dev.aiobridge.builtins.RuntimeError.class)
                    .hasMessage("Cannot call writelines() after write_eof()");
            t.close();
            t.close();
            t.abort();
            assertThat(a.await(c.protocol().lost)).isNull();
            assertThat(c.protocol().events).containsExactly("made", "lost");
            server.close();
            a.await(server.waitClosed());

            Server server2 = a.await(Network.createServer(loop, () -> new Recorder(loop), "127.0.0.1", 0));
            Connection<Recorder> d = a.await(Network.createConnection(loop, () -> new Recorder(loop), "127.0.0.1",
                    port(server2)));
            d.transport().close();
            for (int i = 0; i < 10; i++) {
                d.transport().write(new byte[] {1}); // dropped (CPython logs after 5 of them)
            }
            assertThat(d.transport().getWriteBufferSize()).isZero();
            a.await(d.protocol().lost);
            server2.close();
            a.await(server2.waitClosed());
        }));
    }

    @Test
    void protocolErrorsReachTheHandlerAndCloseTheConnectionButOsErrorsDoNot() {
        List<ExceptionContext> reports = new ArrayList<>();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
            for (RuntimeException boom : new RuntimeException[] {new IllegalStateException("boom"),
                    new UncheckedIOException(new IOException("io boom"))}) {
                Future<Throwable> lost = loop.createFuture();
                Server server = a.await(Network.createServer(loop, () -> new Protocol() {
                    @Override
                    public void dataReceived(byte[] data) {
                        throw boom;
                    }

                    @Override
                    public void connectionLost(Throwable exc) {
                        lost.setResult(exc);
                    }
                }, "127.0.0.1", 0));
                Connection<Recorder> c = a.await(Network.createConnection(loop, () -> new Recorder(loop),
                        "127.0.0.1", port(server)));
                c.transport().write(new byte[] {1, 2, 3});
                assertThat(a.await(lost)).isSameAs(boom);
                c.transport().close();
                a.await(c.protocol().lost);
                server.close();
                a.await(server.waitClosed());
            }
        }));
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).message()).isEqualTo("Fatal error: protocol.data_received() call failed.");
        assertThat(reports.get(0).toMap()).containsKeys("transport", "protocol");
        assertThat(reports.get(0).exception()).hasMessage("boom");
    }

    @Test
    void refusedConnectionNamesTheAddressAndLeavesNothingOpen() throws IOException {
        int port;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        long before = openFds();
        SelectorEventLoop loop = new SelectorEventLoop();
        try {
            for (int i = 0; i < 50; i++) {
                assertThatThrownBy(() -> loop.runUntilComplete(
                        Network.createConnection(loop, () -> new Recorder(loop), "127.0.0.1", port)))
                        .isInstanceOf(ConnectException.class)
                        .hasMessageContaining("('127.0.0.1', " + port + ")");
            }
            assertThat(SelectorProbe.registeredChannels(loop)).isZero();
        } finally {
            loop.close();
        }
        assertThat(openFds()).isLessThanOrEqualTo(before);
    }

    @Test
    void manyConnectionsOpenAndCloseWithoutLeakingDescriptorsOrKeys() {
        SelectorEventLoop loop = new SelectorEventLoop();
        long before;
        try {
            loop.runUntilComplete(oneRound(loop)); // warm up: the JDK opens some descriptors once
            before = openFds();
            for (int i = 0; i < 5; i++) {
                loop.runUntilComplete(oneRound(loop));
            }
            assertThat(SelectorProbe.registeredChannels(loop)).isZero();
            assertThat(openFds()).isLessThanOrEqualTo(before);
        } finally {
            loop.close();
        }
    }

    private static Coroutine<Void> oneRound(SelectorEventLoop loop) {
        return Coroutine.ofVoid(a -> {
            Server server = a.await(Network.createServer(loop, () -> new Protocol() {
                Transport t;

                @Override
                public void connectionMade(Transport transport) {
                    t = transport;
                }

                @Override
                public void dataReceived(byte[] data) {
                    t.write(data);
                }
            }, "127.0.0.1", 0));
            List<Connection<Recorder>> cs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                cs.add(a.await(Network.createConnection(loop, () -> new Recorder(loop), "127.0.0.1", port(server))));
            }
            for (Connection<Recorder> c : cs) {
                c.transport().write(new byte[] {42});
            }
            for (Connection<Recorder> c : cs) {
                while (!c.protocol().events.contains("data")) {
                    a.await(AsyncIO.sleep(0.001));
                }
                c.transport().close();
                a.await(c.protocol().lost);
            }
            server.close();
            a.await(server.waitClosed()); // 3.13: waits until every accepted connection is gone
        });
    }
}
