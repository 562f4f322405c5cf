package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.queue.Queue;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.ConnectOptions;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.ServerOptions;
import dev.aiobridge.transport.TlsContext;
import dev.aiobridge.transport.TransportSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * 532_tls_eof_no_half_close: no write_eof over TLS (NotImplementedError is
 * {@link UnsupportedOperationException}); close_notify and a ragged EOF both read as the end of stream.
 */
class Scenario532TlsEofNoHalfCloseTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        TlsContext serverCtx = Tls.serverContext();
        TlsContext clientCtx = Tls.trustingClient();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Queue<Object> served = new Queue<>();
            Server server = a.await(Streams.startServer((StreamReader reader, StreamWriter writer) ->
                    Coroutine.ofVoid(h -> {
                        byte[] cmd = h.await(reader.readline());
                        t.print("server: got", cmd);
                        writer.write(Py.concat(b("reply to "), cmd));
                        h.await(writer.drain());
                        if (Arrays.equals(cmd, b("ragged\n"))) {
                            ((TransportSocket) writer.getExtraInfo("socket")).shutdownOutput();
                            t.print("server: raw TCP shutdown(SHUT_WR), no close_notify");
                            t.print("server: read ->", h.await(reader.read()));
                        } else if (Arrays.equals(cmd, b("wait\n"))) {
                            t.print("server: read until EOF ->", h.await(reader.read()));
                        }
                        writer.close();
                        h.await(writer.waitClosed());
                        served.putNowait("done");
                    }), "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT, ServerOptions.defaults().withSsl(serverCtx)));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            ConnectOptions tls = ConnectOptions.tls(clientCtx).withServerHostname("localhost");

            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port, tls));
            t.print("client: can_write_eof", c.writer().canWriteEof());
            try {
                c.writer().writeEof();
            } catch (UnsupportedOperationException e) {
                t.print("client: write_eof -> NotImplementedError " + Py.repr(Py.str(e)));
            }
            c.writer().write(b("wait\n"));
            t.print("client: reply", a.await(c.reader().readline()));
            c.writer().close();
            a.await(c.writer().waitClosed());
            a.await(served.get());

            for (String cmd : new String[] {"close\n", "ragged\n"}) {
                c = a.await(Streams.openConnection("127.0.0.1", port, tls));
                c.writer().write(b(cmd));
                t.print("client: read until EOF ->", a.await(c.reader().read()));
                c.writer().close();
                a.await(c.writer().waitClosed());
                a.await(served.get());
                t.print("client: wait_closed returned normally");
            }
            server.close();
            a.await(server.waitClosed());
        }));
        t.assertMatches("532_tls_eof_no_half_close");
    }
}
