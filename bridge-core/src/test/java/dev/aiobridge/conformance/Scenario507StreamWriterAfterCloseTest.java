package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.queue.Queue;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.TransportSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * 507_stream_writer_after_close: after a peer RST, read/drain/wait_closed raise the same exception (the
 * JDK's {@link SocketException} is Python's ConnectionResetError); writes after close are dropped and
 * drain raises "Connection lost"; write after write_eof raises RuntimeError ({@link IllegalStateException}).
 */
class Scenario507StreamWriterAfterCloseTest {
    private final Trace t = new Trace();
    private Queue<byte[]> served;

    private Coroutine<Void> handle(StreamReader reader, StreamWriter writer) {
        return Coroutine.ofVoid(a -> {
            byte[] cmd = a.await(reader.readline());
            if (Arrays.equals(cmd, b("reset\n"))) {
                TransportSocket sock = (TransportSocket) writer.getExtraInfo("socket");
                sock.setOption(StandardSocketOptions.SO_LINGER, 0);
                writer.transport().abort();
                t.print("server: aborted with RST");
            } else {
                t.print("server: got", cmd, "then until EOF", a.await(reader.read()));
                writer.close();
                a.await(writer.waitClosed());
            }
            served.putNowait(cmd);
        });
    }

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            served = new Queue<>();
            Server server = a.await(Streams.startServer(this::handle, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();

            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
            c.writer().write(b("reset\n"));
            Throwable err = null;
            try {
                a.await(c.reader().read());
            } catch (Exception e) {
                if (!(e instanceof SocketException)) {
                    throw e;
                }
                err = e;
                t.print("client: read -> ConnectionResetError | is_closing", c.writer().isClosing());
            }
            c.writer().write(b("ignored"));
            t.print("client: write after reset -> no error");
            try {
                a.await(c.writer().drain());
            } catch (Exception e) {
                t.print("client:", "drain", "-> ConnectionResetError, same object:", e == err);
            }
            try {
                a.await(c.writer().waitClosed());
            } catch (Exception e) {
                t.print("client:", "wait_closed", "-> ConnectionResetError, same object:", e == err);
            }
            a.await(served.get());

            for (String how : new String[] {"close", "abort"}) {
                c = a.await(Streams.openConnection("127.0.0.1", port));
                c.writer().write(b("data\n"));
                c.writer().write(b("before-" + how));
                if (how.equals("abort")) {
                    c.writer().transport().abort();
                } else {
                    c.writer().close();
                }
                c.writer().write(b("after-" + how));
                t.print("client: write after", how, "-> no error");
                try {
                    a.await(c.writer().drain());
                } catch (Exception e) {
                    if (!(e instanceof SocketException)) {
                        throw e;
                    }
                    t.print("client: drain after", how, "-> ConnectionResetError:", e.getMessage());
                }
                a.await(c.writer().waitClosed());
                a.await(served.get());
            }

            c = a.await(Streams.openConnection("127.0.0.1", port));
            c.writer().write(b("data\n"));
            c.writer().writeEof();
            c.writer().writeEof();
            try {
                c.writer().write(b("x"));
            } catch (RuntimeError e) {
                t.print("client: write after write_eof -> RuntimeError:", e.getMessage());
            }
            t.print("client: read ->", a.await(c.reader().read()));
            c.writer().close();
            a.await(c.writer().waitClosed());
            a.await(served.get());
            server.close();
            a.await(server.waitClosed());
        }));
        t.assertMatches("507_stream_writer_after_close");
    }
}
