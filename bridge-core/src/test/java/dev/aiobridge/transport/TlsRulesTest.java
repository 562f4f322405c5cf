package dev.aiobridge.transport;

import dev.aiobridge.asyncio.SelectorProbe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.SelectorEventLoop;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.Streams;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** TLS rules beyond the traces: an expired certificate, ALPN, defaults, no leaks. */
class TlsRulesTest {

    static Path tls(String name) throws URISyntaxException {
        return Path.of(TlsRulesTest.class.getResource("/conformance/tls/" + name).toURI());
    }

    static int port(Server s) {
        return ((InetSocketAddress) s.sockets().get(0).getLocalAddress()).getPort();
    }

    @Test
    void anExpiredCertificateIsRejectedWithOpenSslsCodeAndMessage() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsRulesTest.class.getResourceAsStream("/conformance/tls/expired.p12")) {
            ks.load(in, "aiobridge".toCharArray());
        }
        TlsContext serverCtx = TlsContext.server(ks, "aiobridge".toCharArray());
        TlsContext clientCtx = TlsContext.client(tls("expired-ca.pem")); // trusts the CA that signed it
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SelectorEventLoop loop = new SelectorEventLoop();
        try {
            loop.runUntilComplete(Coroutine.ofVoid(a -> {
                Server server = a.await(Streams.startServer((r, w) -> null, "127.0.0.1", 0,
                        StreamReader.DEFAULT_LIMIT, ServerOptions.defaults().withSsl(serverCtx)));
                try {
                    a.await(Streams.openConnection("127.0.0.1", port(server),
                            ConnectOptions.tls(clientCtx).withServerHostname("localhost")));
                } catch (Exception e) {
                    failure.set(e);
                }
                server.close();
                a.await(server.waitClosed());
            }));
            assertThat(SelectorProbe.registeredChannels(loop)).isZero();
        } finally {
            loop.close();
        }
        assertThat(failure.get()).isInstanceOf(SslCertVerificationException.class);
        SslCertVerificationException e = (SslCertVerificationException) failure.get();
        assertThat(e.verifyCode()).isEqualTo(10);
        assertThat(e).hasMessage("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired");
    }

    @Test
    void alpnSelectsTheCommonProtocolAndTheDefaultsAreCPythons() throws Exception {
        TlsContext serverCtx = TlsContext.server(tls("cert.pem"), tls("key.pem")).withAlpnProtocols(List.of("http/1.1"));
        TlsContext clientCtx = TlsContext.client(tls("cert.pem")).withAlpnProtocols(List.of("h2", "http/1.1"));
        List<Object> seen = new ArrayList<>();
        List<Object> serverSaw = new ArrayList<>();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Server server = a.await(Streams.startServer((r, w) -> Coroutine.ofVoid(h -> {
                serverSaw.add(((SslObject) w.getExtraInfo("ssl_object")).selectedAlpnProtocol());
                w.close();
            }), "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT, ServerOptions.defaults().withSsl(serverCtx)));
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port(server),
                    ConnectOptions.tls(clientCtx).withServerHostname("localhost")));
            Transport t = c.writer().transport();
            seen.add(((SslObject) t.getExtraInfo("ssl_object")).selectedAlpnProtocol());
            seen.add(t.canWriteEof());
            seen.add(t.getWriteBufferLimits());
            assertThat(a.await(c.reader().read())).isEmpty(); // the server closed: close_notify reads as EOF
            c.writer().close();
            a.await(c.writer().waitClosed());
            server.close();
            a.await(server.waitClosed());
        }));
        assertThat(seen).containsExactly("http/1.1", false, new WriteBufferLimits(16384, 65536));
        assertThat(serverSaw).containsExactly("http/1.1");
    }
}
