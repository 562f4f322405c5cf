package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.LimitOverrunError;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** 513_tcp_limit_overrun: open_connection(limit=) gives the same LimitOverrunError / ValueError over TCP. */
class Scenario513TcpLimitOverrunTest {
    private final Trace t = new Trace();
    private static final byte[] LONG = b("L".repeat(40));

    private Coroutine<Void> handle(StreamReader reader, StreamWriter writer) {
        return Coroutine.ofVoid(a -> {
            writer.write(Py.concat(LONG, b("\nok\n")));
            a.await(writer.drain());
            writer.close();
            a.await(writer.waitClosed());
        });
    }

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Server server = a.await(Streams.startServer(this::handle, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();

            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port, 32));
            a.await(AsyncIO.sleep(0.05));
            try {
                a.await(c.reader().readuntil(b("\n")));
            } catch (LimitOverrunError e) {
                t.print("readuntil -> LimitOverrunError:", e, "| consumed", e.consumed());
            }
            byte[] data = a.await(c.reader().readexactly(41));
            t.print("data kept: readexactly(41) -> 40 x L + newline:", Arrays.equals(data, Py.concat(LONG, b("\n"))));
            t.print("readline ->", a.await(c.reader().readline()));
            c.writer().close();
            a.await(c.writer().waitClosed());

            c = a.await(Streams.openConnection("127.0.0.1", port, 32));
            a.await(AsyncIO.sleep(0.05));
            try {
                a.await(c.reader().readline());
            } catch (IllegalArgumentException e) {
                t.print("readline -> ValueError:", e);
            }
            t.print("next readline ->", a.await(c.reader().readline()));
            t.print("then ->", a.await(c.reader().readline()));
            c.writer().close();
            a.await(c.writer().waitClosed());
            server.close();
            a.await(server.waitClosed());
        }));
        t.assertMatches("513_tcp_limit_overrun");
    }
}
