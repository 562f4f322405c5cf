package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.SslObject;
import dev.aiobridge.transport.TlsContext;
import dev.aiobridge.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** 533_tls_start_tls_upgrade: StreamWriter.startTls mid-stream; same reader/writer, new transport. */
class Scenario533TlsStartTlsUpgradeTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        TlsContext serverCtx = Tls.serverContext();
        TlsContext clientCtx = Tls.trustingClient();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Future<Void> finished = AsyncIO.getRunningLoop().createFuture();
            Server server = a.await(Streams.startServer((StreamReader reader, StreamWriter writer) ->
                    Coroutine.ofVoid(h -> {
                        t.print("server: got", h.await(reader.readline()), "| ssl_object",
                                writer.getExtraInfo("ssl_object"));
                        t.print("server: got", h.await(reader.readline()));
                        writer.write(b("220 ready\n"));
                        h.await(writer.startTls(serverCtx));
                        SslObject obj = (SslObject) writer.getExtraInfo("ssl_object");
                        t.print("server: upgraded, ssl_object present:", obj != null, "| server_side", obj.serverSide());
                        byte[] line;
                        while ((line = h.await(reader.readline())).length > 0) {
                            t.print("server: got over TLS", line);
                            byte[] body = Arrays.copyOf(line, line.length - 1);
                            writer.write(Py.concat(b("tls-echo:"), body, b(" via " + obj.version() + "\n")));
                            h.await(writer.drain());
                        }
                        t.print("server: EOF");
                        writer.close();
                        h.await(writer.waitClosed());
                        finished.setResult(null);
                    }), "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
            c.writer().write(b("HELLO plain\n"));
            c.writer().write(b("STARTTLS\n"));
            t.print("client: reply", a.await(c.reader().readline()));
            Transport plain = c.writer().transport();
            a.await(c.writer().startTls(clientCtx, "localhost"));
            Object cert = c.writer().getExtraInfo("peercert");
            t.print("client: upgraded | new transport object:", c.writer().transport() != plain,
                    "| ssl_object present:", c.writer().getExtraInfo("ssl_object") != null,
                    "| peercert CN:", Tls.commonName(cert));
            for (String msg : new String[] {"secret one\n", "secret two\n"}) {
                c.writer().write(b(msg));
                t.print("client: reply", a.await(c.reader().readline()));
            }
            c.writer().close();
            a.await(c.writer().waitClosed());
            a.await(finished);
            server.close();
            a.await(server.waitClosed());
        }));
        t.assertMatches("533_tls_start_tls_upgrade");
    }
}
