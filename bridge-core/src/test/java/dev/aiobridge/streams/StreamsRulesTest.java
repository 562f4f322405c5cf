package dev.aiobridge.streams;

import dev.aiobridge.asyncio.SelectorProbe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.SelectorEventLoop;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.transport.Server;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPython's StreamReader/StreamWriter rules (streams.py, 3.13) beyond the conformance traces. */
class StreamsRulesTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readuntilWithSeveralSeparatorsTakesTheEarliestEnd() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            StreamReader r = new StreamReader();
            r.feedData(b("abc\r\ndef\n"));
            // "\n" ends at 5, "\r\n" ends at 5 too: the earliest end wins, the shortest at the same place
            assertThat(a.await(r.readuntil(List.of(b("\r\n"), b("\n"))))).isEqualTo(b("abc\r\n"));
            assertThat(a.await(r.readuntil(List.of(b("f\n"), b("e"))))).isEqualTo(b("de"));
            assertThatThrownBy(() -> a.await(r.readuntil(List.of()))).isInstanceOf(dev.aiobridge.builtins.ValueError.class)
                    .hasMessage("Separator should contain at least one element");
            assertThatThrownBy(() -> a.await(r.readuntil(b("")))).isInstanceOf(dev.aiobridge.builtins.ValueError.class)
                    .hasMessage("Separator should be at least one-byte string");
            r.feedEof();
            IncompleteReadError e = org.junit.jupiter.api.Assertions.assertThrows(IncompleteReadError.class,
                    () -> a.await(r.readuntil(List.of(b("X"), b("YY")))));
            assertThat(e.partial()).isEqualTo(b("f\n"));
            assertThat(e.expected()).isNull();
            assertThat(e).hasMessage("2 bytes read on a total of undefined expected bytes");
            assertThat(r.atEof()).isTrue();
        }));
    }

    @Test
    void aReaderAndAWriterNameTheirLoopAndTheWriterWatchesItsClose() {
        SelectorEventLoop loop = new SelectorEventLoop();
        SelectorEventLoop other = new SelectorEventLoop();
        try {
            assertThat(new StreamReader(16, other).getLoop()).isSameAs(other);
            loop.runUntilComplete(Coroutine.ofVoid(a -> {
                StreamWriter[] serverWriter = new StreamWriter[1];
                Server server = a.await(Streams.startServer((reader, writer) -> {
                    serverWriter[0] = writer;
                    assertThat(reader.getLoop()).isSameAs(loop);
                    return null;
                }, "127.0.0.1", 0));
                int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
                StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
                assertThat(c.reader().getLoop()).isSameAs(loop);
                assertThat(c.writer().getLoop()).isSameAs(loop);
                while (serverWriter[0] == null) {
                    a.await(AsyncIO.sleep(0));
                }
                assertThat(serverWriter[0].getLoop()).isSameAs(loop);
                // whenClosed: a watch of the close that may be cancelled without touching the close waiter
                dev.aiobridge.asyncio.Future<Void> dropped = c.writer().whenClosed();
                dev.aiobridge.asyncio.Future<Void> watch = c.writer().whenClosed();
                dropped.cancel();
                a.await(AsyncIO.sleep(0));
                assertThat(watch.isDone()).isFalse();
                c.writer().close();
                a.await(c.writer().waitClosed()); // not cancelled by the dropped watch
                assertThat(watch.isDone()).isTrue();
                assertThat(watch.exception()).isNull();
                assertThat(c.writer().whenClosed().isDone()).as("made after the close").isTrue();
                serverWriter[0].close();
                server.close();
                a.await(server.waitClosed());
            }));
        } finally {
            loop.close();
            other.close();
        }
    }

    @Test
    void cancellingAWaitingReadThousandsOfTimesFreesTheWaiterSlotEachTime() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            StreamReader r = new StreamReader();
            for (int i = 0; i < 3000; i++) {
                Task<byte[]> t = AsyncIO.createTask(i % 2 == 0 ? r.read(10) : r.readline());
                a.await(AsyncIO.sleep(0));
                t.cancel();
                a.await(AsyncIO.sleep(0));
                assertThat(t.isCancelled()).isTrue();
            }
            r.feedData(b("ok\n"));
            assertThat(a.await(r.readline())).isEqualTo(b("ok\n"));
        }));
    }

    @Test
    void readerPausesTheTransportAboveTwiceTheLimitAndDrainWaitsWhileWritingIsPaused() {
        SelectorEventLoop loop = new SelectorEventLoop();
        try {
            loop.runUntilComplete(Coroutine.ofVoid(a -> {
                StreamWriter[] serverWriter = new StreamWriter[1];
                StreamReader[] serverReader = new StreamReader[1];
                Server server = a.await(Streams.startServer((reader, writer) -> {
                    serverReader[0] = reader;
                    serverWriter[0] = writer;
                    return null; // a plain callback: nobody reads yet
                }, "127.0.0.1", 0, 1024, dev.aiobridge.transport.ServerOptions.defaults()));
                int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
                StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
                byte[] big = new byte[4 * 1024 * 1024];
                c.writer().write(big);
                assertThat(c.writer().transport().getWriteBufferSize()).as("the peer does not read").isPositive();
                Task<Void> drain = AsyncIO.createTask(c.writer().drain());
                while (serverReader[0] == null || serverReader[0].bufferedSize() <= 2048) {
                    a.await(AsyncIO.sleep(0.001));
                }
                assertThat(serverWriter[0].transport().isReading()).as("paused above 2 x limit").isFalse();
                assertThat(serverReader[0].bufferedSize()).isLessThan(2048 + 256 * 1024 + 1);
                a.await(AsyncIO.sleep(0.02));
                assertThat(drain.isDone()).as("drain waits while the buffer is above high water").isFalse();
                byte[] all = a.await(serverReader[0].readexactly(big.length));
                assertThat(all).hasSize(big.length);
                a.await(drain);
                assertThat(serverWriter[0].transport().isReading()).isTrue();
                c.writer().close();
                a.await(c.writer().waitClosed());
                serverWriter[0].close();
                server.close();
                a.await(server.waitClosed());
            }));
            assertThat(SelectorProbe.registeredChannels(loop)).isZero();
        } finally {
            loop.close();
        }
    }

    @Test
    void handlerExceptionGoesToTheLoopHandlerAndClosesTheConnection() {
        java.util.List<String> reports = new java.util.ArrayList<>();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            AsyncIO.getRunningLoop().setExceptionHandler((l, ctx) -> reports.add(ctx.message() + " | "
                    + ctx.exception().getMessage() + " | " + ctx.toMap().keySet()));
            Server server = a.await(Streams.startServer((reader, writer) -> Coroutine.ofVoid(h -> {
                h.await(reader.readline());
                throw new IllegalStateException("handler failed");
            }), "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
            c.writer().write(b("hi\n"));
            assertThat(a.await(c.reader().read())).isEmpty(); // the server closed the connection
            c.writer().close();
            a.await(c.writer().waitClosed());
            server.close();
            a.await(server.waitClosed());
        }));
        assertThat(reports).containsExactly(
                "Unhandled exception in client_connected_cb | handler failed | [message, exception, transport]");
    }
}
