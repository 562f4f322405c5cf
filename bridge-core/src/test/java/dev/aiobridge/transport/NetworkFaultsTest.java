package dev.aiobridge.transport;

import dev.aiobridge.asyncio.SelectorProbe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.SelectorEventLoop;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.Streams;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faults on loopback only: a connect that never completes (a listener whose backlog is full), a peer
 * reset in the middle of a large write, a slow client against a server with a line limit, and
 * cancelling a task blocked in drain thousands of times; nothing hangs, errors are clear, and no file
 * descriptor or selection key is left behind.
 */
class NetworkFaultsTest {

    static long openFds() {
        String[] fds = new java.io.File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    static int port(Server s) {
        return ((InetSocketAddress) s.sockets().get(0).getLocalAddress()).getPort();
    }

    @Test
    void connectToAFullBacklogTimesOutAndLeavesNothingOpen() throws IOException {
        List<SocketChannel> fillers = new ArrayList<>();
        try (ServerSocketChannel never = ServerSocketChannel.open()) {
            never.bind(new InetSocketAddress("127.0.0.1", 0), 1); // never accepts
            InetSocketAddress addr = (InetSocketAddress) never.getLocalAddress();
            for (int i = 0; i < 8; i++) { // fill the accept queue; later SYNs are dropped by the kernel
                SocketChannel f = SocketChannel.open();
                f.configureBlocking(false);
                f.connect(addr);
                fillers.add(f);
            }
            long before = openFds();
            SelectorEventLoop loop = new SelectorEventLoop();
            try {
                assertThatThrownBy(() -> loop.runUntilComplete(AsyncIO.waitFor(
                        Network.createConnection(loop, () -> new Protocol() { }, "127.0.0.1", addr.getPort()), 0.3)))
                        .isInstanceOf(TimeoutError.class);
                assertThat(SelectorProbe.registeredChannels(loop)).isZero();
            } finally {
                loop.close();
            }
            assertThat(openFds()).isLessThanOrEqualTo(before);
        } finally {
            for (SocketChannel f : fillers) {
                f.close();
            }
        }
    }

    @Test
    void aPeerResetDuringALargeWriteFailsTheDrainWithTheResetAndClosesTheTransport() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Server server = a.await(Streams.startServer((reader, writer) -> Coroutine.ofVoid(h -> {
                h.await(reader.readexactly(1)); // then reset without reading the rest
                TransportSocket sock = (TransportSocket) writer.getExtraInfo("socket");
                sock.setOption(StandardSocketOptions.SO_LINGER, 0);
                writer.transport().abort();
            }), "127.0.0.1", 0));
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port(server)));
            c.writer().write(new byte[8 * 1024 * 1024]); // far more than the kernel buffers take
            Throwable failure = null;
            try {
                a.await(c.writer().drain());
                a.await(c.reader().read());
            } catch (Exception e) {
                failure = e;
            }
            assertThat(failure).isInstanceOf(java.net.SocketException.class);
            assertThat(c.writer().isClosing()).isTrue();
            c.writer().close();
            try {
                a.await(c.writer().waitClosed());
            } catch (Exception sameError) {
                assertThat(sameError).isInstanceOf(IOException.class);
            }
            server.close();
            a.await(server.waitClosed());
        }));
    }

    @Test
    void aSlowClientThatNeverEndsItsLineIsCutOffAtTheServersLimit() {
        List<String> outcome = new ArrayList<>();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Server server = a.await(Streams.startServer((reader, writer) -> Coroutine.ofVoid(h -> {
                try {
                    h.await(reader.readline());
                } catch (dev.aiobridge.builtins.ValueError e) {
                    outcome.add("server: " + e.getMessage() + " | buffered " + reader.bufferedSize());
                }
                writer.close();
            }), "127.0.0.1", 0, 1024, ServerOptions.defaults()));
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port(server)));
            for (int i = 0; i < 64 && !c.writer().isClosing(); i++) {
                c.writer().write(new byte[] {'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',
                        'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'});
                a.await(AsyncIO.sleep(0.001));
            }
            try {
                assertThat(a.await(c.reader().read())).isEmpty(); // the server closed
            } catch (Exception reset) {
                assertThat(reset).isInstanceOf(IOException.class); // or a reset or broken pipe: it had unread bytes
            }
            c.writer().close();
            try {
                a.await(c.writer().waitClosed());
            } catch (Exception resetIsFine) {
                assertThat(resetIsFine).isInstanceOf(IOException.class);
            }
            server.close();
            a.await(server.waitClosed());
        }));
        assertThat(outcome).containsExactly("server: Separator is not found, and chunk exceed the limit | buffered 0");
    }

    @Test
    void cancellingATaskBlockedInDrainThousandsOfTimesLeavesNoWaiterBehind() {
        SelectorEventLoop loop = new SelectorEventLoop();
        try {
            loop.runUntilComplete(Coroutine.ofVoid(a -> {
                StreamReader[] serverReader = new StreamReader[1];
                Server server = a.await(Streams.startServer((reader, writer) -> {
                    serverReader[0] = reader;
                    return null;
                }, "127.0.0.1", 0, 64 * 1024, ServerOptions.defaults()));
                StreamPair c = a.await(Streams.openConnection("127.0.0.1", port(server)));
                c.writer().write(new byte[8 * 1024 * 1024]); // paused: drain must wait
                for (int i = 0; i < 3000; i++) {
                    Task<Void> d = AsyncIO.createTask(c.writer().drain());
                    a.await(AsyncIO.sleep(0));
                    assertThat(d.isDone()).isFalse();
                    d.cancel();
                    a.await(AsyncIO.sleep(0));
                    assertThat(d.isCancelled()).isTrue();
                }
                byte[] all = a.await(serverReader[0].readexactly(8 * 1024 * 1024));
                assertThat(all).hasSize(8 * 1024 * 1024);
                a.await(c.writer().drain());
                c.writer().close();
                a.await(c.writer().waitClosed());
                server.closeClients();
                server.close();
                a.await(server.waitClosed());
            }));
            assertThat(SelectorProbe.registeredChannels(loop)).isZero();
        } finally {
            loop.close();
        }
    }

    @Test
    void cancellingATaskBlockedInAcceptThousandsOfTimesLeavesNoKeyOrDescriptorBehind() throws IOException {
        SelectorEventLoop loop = new SelectorEventLoop();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            loop.runUntilComplete(Coroutine.ofVoid(a -> {
                acceptOne(a, loop, listener); // first: the JDK opens its pollers lazily (the threads engine's)
                long fdsBefore = openFds();
                for (int i = 0; i < 2000; i++) {
                    Task<SocketChannel> accept = AsyncIO.createTask(loop.sockAccept(listener));
                    a.await(AsyncIO.sleep(0));
                    assertThat(SelectorProbe.registeredChannels(loop)).as("waiting in accept").isEqualTo(1);
                    accept.cancel();
                    a.await(AsyncIO.sleep(0));
                    assertThat(accept.isCancelled()).isTrue();
                    assertThat(SelectorProbe.registeredChannels(loop)).as("the cancelled accept left its key").isZero();
                }
                acceptOne(a, loop, listener); // the listener still works after the storm
                assertThat(openFds()).as("descriptors after 2,000 cancelled accepts").isLessThanOrEqualTo(fdsBefore);
            }));
            assertThat(SelectorProbe.registeredChannels(loop)).isZero();
        } finally {
            loop.close();
        }
    }

    private static void acceptOne(dev.aiobridge.coroutine.Awaiter a, SelectorEventLoop loop, ServerSocketChannel listener)
            throws IOException {
        Task<SocketChannel> accept = AsyncIO.createTask(loop.sockAccept(listener));
        try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel accepted = a.await(accept)) {
            assertThat(accepted.getRemoteAddress()).isEqualTo(client.getLocalAddress());
        }
    }
}
