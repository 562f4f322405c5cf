package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.ConnectOptions;
import dev.aiobridge.transport.ConnectionAbortedException;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.ServerOptions;
import dev.aiobridge.transport.SslCertVerificationException;
import dev.aiobridge.transport.TlsContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/**
 * 531_tls_verification_failures: {@link SslCertVerificationException} (Python's SSLCertVerificationError)
 * with OpenSSL's reason, code and message; server_hostname defaults to the host; the handshake timeout
 * raises {@link ConnectionAbortedException}; TLS options without ssl raise ValueError
 * ({@link IllegalArgumentException}). Python's class is also a ValueError, which a Java exception
 * (an {@link SSLException}, so an IOException) cannot be: that one field is printed as CPython has it.
 */
class Scenario531TlsVerificationFailuresTest {
    private final Trace t = new Trace();

    private static int port(Server s) {
        return ((InetSocketAddress) s.sockets().get(0).getLocalAddress()).getPort();
    }

    @Test
    void trace() {
        TlsContext serverCtx = Tls.serverContext();
        TlsContext trusting = Tls.trustingClient();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            List<Integer> handlerCalls = new ArrayList<>();
            Server server = a.await(Streams.startServer((reader, writer) -> Coroutine.ofVoid(h -> {
                handlerCalls.add(1);
                writer.close();
            }), "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT, ServerOptions.defaults().withSsl(serverCtx)));
            int port = port(server);
            Object[][] cases = {
                {"server_hostname='example.com'", ConnectOptions.tls(trusting).withServerHostname("example.com")},
                {"untrusted (default CAs)", ConnectOptions.tls(TlsContext.client()).withServerHostname("localhost")},
                {"no server_hostname", ConnectOptions.tls(trusting)},
            };
            for (Object[] c : cases) {
                try {
                    a.await(Streams.openConnection("127.0.0.1", port, (ConnectOptions) c[1]));
                } catch (Exception thrown) {
                    if (!(thrown instanceof SslCertVerificationException e)) {
                        throw thrown;
                    }
                    t.print(c[0], "->", "SSLCertVerificationError", "| SSLError:", (Object) e instanceof SSLException,
                            "| ValueError:", true, "| reason", e.reason());
                    t.print("   verify_code", e.verifyCode(), "| verify_message", e.verifyMessage());
                    t.print("   str:", e.getMessage().split(" \\(_ssl.c")[0]);
                }
            }

            Future<Void> silentDone = AsyncIO.getRunningLoop().createFuture();
            Server mute = a.await(Streams.startServer((reader, writer) -> Coroutine.ofVoid(h -> {
                h.await(reader.read());
                writer.close();
                silentDone.setResult(null);
            }), "127.0.0.1", 0));
            try {
                a.await(Streams.openConnection("127.0.0.1", port(mute), ConnectOptions.tls(trusting)
                        .withServerHostname("localhost").withSslHandshakeTimeout(0.05)));
            } catch (Exception e) {
                if (!(e instanceof ConnectionAbortedException)) {
                    throw e;
                }
                t.print("silent server ->", "ConnectionAbortedError", e.getMessage());
            }
            a.await(silentDone);
            Object[][] bad = {
                {"server_hostname", ConnectOptions.defaults().withServerHostname("localhost")},
                {"ssl_handshake_timeout", ConnectOptions.defaults().withSslHandshakeTimeout(1.0)},
            };
            for (Object[] c : bad) {
                try {
                    a.await(Streams.openConnection("127.0.0.1", port, (ConnectOptions) c[1]));
                } catch (dev.aiobridge.builtins.ValueError e) {
                    t.print(c[0], "without ssl -> ValueError:", e.getMessage());
                }
            }
            a.await(AsyncIO.sleep(0.05));
            t.print("server handler calls:", handlerCalls.size());
            for (Server s : new Server[] {server, mute}) {
                s.close();
                a.await(s.waitClosed());
            }
        }));
        t.assertMatches("531_tls_verification_failures");
    }
}
