package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.ConnectOptions;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.ServerOptions;
import dev.aiobridge.transport.SslObject;
import dev.aiobridge.transport.TlsCipher;
import dev.aiobridge.transport.TlsContext;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * 530_tls_echo_extra_info: TLS echo; peercert (an X509Certificate, printed as Python prints its dict),
 * cipher (a {@link TlsCipher}: Python's 3-tuple), ssl_object ({@link SslObject}), sslcontext, compression.
 */
class Scenario530TlsEchoExtraInfoTest {
    private final Trace t = new Trace();

    private void describe(String side, StreamWriter writer, TlsContext ctx) {
        Object cert = writer.getExtraInfo("peercert");
        String certText = cert == null ? null : "subject CN=" + Tls.commonName(cert) + ", subjectAltName="
                + Tls.subjectAltName(cert);
        TlsCipher cipher = (TlsCipher) writer.getExtraInfo("cipher");
        SslObject obj = (SslObject) writer.getExtraInfo("ssl_object");
        t.print(side, "peercert:", certText);
        t.print(side, "cipher: 3-tuple", TlsCipher.class.getRecordComponents().length == 3, "| protocol",
                cipher.protocol(), "| compression", writer.getExtraInfo("compression"));
        t.print(side, "ssl_object: server_side", obj.serverSide(), "| server_hostname", obj.serverHostname(),
                "| version", obj.version(), "| sslcontext is ours:", writer.getExtraInfo("sslcontext") == ctx);
        t.print(side, "peername present:", writer.getExtraInfo("peername") != null,
                "| socket present:", writer.getExtraInfo("socket") != null);
    }

    @Test
    void trace() {
        TlsContext serverCtx = Tls.serverContext();
        TlsContext clientCtx = Tls.trustingClient();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Future<Void> finished = AsyncIO.getRunningLoop().createFuture();
            Server server = a.await(Streams.startServer((StreamReader reader, StreamWriter writer) ->
                    Coroutine.ofVoid(h -> {
                        describe("server", writer, serverCtx);
                        byte[] line;
                        while ((line = h.await(reader.readline())).length > 0) {
                            t.print("server: got", line);
                            writer.write(Py.concat(b("echo:"), line));
                            h.await(writer.drain());
                        }
                        t.print("server: EOF");
                        writer.close();
                        h.await(writer.waitClosed());
                        finished.setResult(null);
                    }), "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT, ServerOptions.defaults().withSsl(serverCtx)));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port,
                    ConnectOptions.tls(clientCtx).withServerHostname("localhost")));
            describe("client", c.writer(), clientCtx);
            for (String msg : new String[] {"one\n", "two\n"}) {
                c.writer().write(b(msg));
                t.print("client: reply", a.await(c.reader().readline()));
            }
            c.writer().close();
            a.await(c.writer().waitClosed());
            a.await(finished);
            server.close();
            a.await(server.waitClosed());
        }));
        t.assertMatches("530_tls_echo_extra_info");
    }
}
