package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.Transport;
import dev.aiobridge.transport.TransportSocket;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 519_transport_extra_info_nodelay: peername/sockname pairs ({@link InetSocketAddress} for Python's
 * {@code (host, port)}), the socket with TCP_NODELAY on, SO_REUSEADDR on the listener, TLS keys None,
 * values cached after close. SOCK_STREAM is shown by the socket having the stream-only TCP_NODELAY option.
 */
class Scenario519TransportExtraInfoNodelayTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Future<StreamWriter> accepted = loop.createFuture();
            Future<Void> finished = loop.createFuture();
            Server server = a.await(Streams.startServer((reader, writer) -> Coroutine.ofVoid(h -> {
                accepted.setResult(writer);
                h.await(reader.read());
                writer.close();
                h.await(writer.waitClosed());
                finished.setResult(null);
            }), "127.0.0.1", 0));
            TransportSocket lsock = server.sockets().get(0);
            InetSocketAddress laddr = (InetSocketAddress) lsock.getLocalAddress();
            t.print(String.format("server.sockets: %d socket(s), bound to %s", server.sockets().size(),
                    laddr.getAddress().getHostAddress()));
            t.print("listening socket SO_REUSEADDR:", lsock.getOption(StandardSocketOptions.SO_REUSEADDR));
            StreamPair conn = a.await(Streams.openConnection("127.0.0.1", laddr.getPort()));
            StreamWriter sw = a.await(accepted);
            Transport c = conn.writer().transport();
            Transport s = sw.transport();
            t.print("client peername == server sockname:", c.getExtraInfo("peername").equals(s.getExtraInfo("sockname")));
            t.print("client sockname == server peername:", c.getExtraInfo("sockname").equals(s.getExtraInfo("peername")));
            t.print("client peername == listening address:", c.getExtraInfo("peername").equals(laddr));
            t.print("peername host:", ((InetSocketAddress) c.getExtraInfo("peername")).getAddress().getHostAddress(),
                    "| (host, port) pair:", s.getExtraInfo("peername") instanceof InetSocketAddress);
            for (Object[] side : new Object[][] {{"client", c}, {"server", s}}) {
                Transport tr = (Transport) side[1];
                TransportSocket sock = (TransportSocket) tr.getExtraInfo("socket");
                t.print(side[0], "socket present:", sock != null,
                        "| AF_INET:", sock.family() == StandardProtocolFamily.INET,
                        "| SOCK_STREAM:", sock.getOption(StandardSocketOptions.TCP_NODELAY) != null,
                        "| TCP_NODELAY on:", sock.getOption(StandardSocketOptions.TCP_NODELAY));
                List<Object> tls = new ArrayList<>();
                for (String k : new String[] {"peercert", "cipher", "compression", "ssl_object", "sslcontext"}) {
                    tls.add(tr.getExtraInfo(k));
                }
                t.print(side[0], "TLS keys:", tls);
            }
            t.print("unknown key:", c.getExtraInfo("no-such-key"), c.getExtraInfo("no-such-key", "fallback"));
            Object peer = c.getExtraInfo("peername");
            conn.writer().close();
            a.await(conn.writer().waitClosed());
            t.print("after close: is_closing", c.isClosing(), "| peername unchanged:", c.getExtraInfo("peername").equals(peer));
            a.await(finished);
            server.close();
            a.await(server.waitClosed());
        }));
        t.assertMatches("519_transport_extra_info_nodelay");
    }
}
