package dev.aiobridge.examples;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.ConnectOptions;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.ServerOptions;
import dev.aiobridge.transport.SslCertVerificationException;
import dev.aiobridge.transport.SslObject;
import dev.aiobridge.transport.TlsContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The streams echo server and client over TLS: the same handler as {@code streams-echo}, the server
 * given a certificate and key ({@code ssl=} of {@code start_server}), the client a trust store and the
 * name to check ({@code ssl=}, {@code server_hostname=} of {@code open_connection}). A client that does
 * not trust the certificate is refused with OpenSSL's reason. The key material is the project's test
 * certificate for {@code localhost} (a PKCS#12 key store, password {@code aiobridge}), in this module's
 * resources: never use it for anything else.
 */
public final class TlsEcho implements Example {
    private static final char[] PASSWORD = "aiobridge".toCharArray();

    @Override
    public String name() {
        return "tls-echo";
    }

    @Override
    public String summary() {
        return "the streams echo over TLS: a server with a certificate, a client that checks it, one that refuses it";
    }

    @Override
    public String input() {
        return "two lines over loopback TLS (127.0.0.1, port 0) to a server presenting a test certificate for "
                + "'localhost'; then a client trusting only the JDK's authorities";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        // tag::contexts[]
        TlsContext serverTls = TlsContext.server(keyStore("/tls/keystore.p12"), PASSWORD);  // load_cert_chain
        TlsContext clientTls = TlsContext.client(trustStore("/tls/cert.pem"));              // cafile=
        // end::contexts[]
        AsyncIO.run(Coroutine.ofVoid("main", a -> {
            // tag::server[]
            Server server = a.await(Streams.startServer((r, w) -> StreamsEcho.handle(r, w, out), "127.0.0.1", 0,
                    StreamReader.DEFAULT_LIMIT, ServerOptions.defaults().withSsl(serverTls)));
            // end::server[]
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            server.with(a, () -> {
                // tag::client[]
                StreamPair c = a.await(Streams.openConnection("127.0.0.1", port,
                        ConnectOptions.tls(clientTls).withServerHostname("localhost")));
                SslObject tls = (SslObject) c.writer().getExtraInfo("ssl_object");
                X509Certificate peer = (X509Certificate) c.writer().getExtraInfo("peercert");
                out.println("  client: " + tls.version() + " with " + peer.getSubjectX500Principal().getName()
                        + ", checked as '" + tls.serverHostname() + "'; can write EOF: " + c.writer().canWriteEof());
                for (String text : new String[] {"hello over TLS", "bye"}) {
                    c.writer().write((text + "\n").getBytes(StandardCharsets.UTF_8));
                    a.await(c.writer().drain());
                    out.println("  client: sent '" + text + "', got back '"
                            + new String(a.await(c.reader().readline()), StandardCharsets.UTF_8).strip() + "'");
                }
                c.writer().close();                     // TLS cannot half-close: close_notify, then the socket
                a.await(c.writer().waitClosed());
                // end::client[]
                try {
                    a.await(Streams.openConnection("127.0.0.1", port, ConnectOptions.tls(TlsContext.client())
                            .withServerHostname("localhost")));
                    out.println("  default client: connected (unexpected)");
                } catch (Exception e) {
                    if (!(e instanceof SslCertVerificationException refused)) {
                        throw e;
                    }
                    out.println("  default client: refused, verify code " + refused.verifyCode() + ": "
                            + refused.getMessage());
                }
                return null;
            });
            out.println("  server closed");
        }));
    }

    /** A PKCS#12 key store from this module's resources. */
    static KeyStore keyStore(String resource) {
        try (InputStream in = resource(resource)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD);
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
    }

    /** A trust store holding the PEM certificates of a resource. */
    static KeyStore trustStore(String resource) {
        try (InputStream in = resource(resource)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, cert);
            }
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TlsEcho.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no resource " + name);
        }
        return in;
    }
}
