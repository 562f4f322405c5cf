package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Network;
import dev.aiobridge.transport.Protocol;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 515_tcp_protocol_callbacks: made, data*, eof (true keeps half-open), lost(None). */
class Scenario515TcpProtocolCallbacksTest {
    private final Trace t = new Trace();

    private static final class ServerProto implements Protocol {
        final boolean keepOpen;
        final List<String> log;
        final Future<Void> lost;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        Transport transport;

        ServerProto(boolean keepOpen, List<String> log, Future<Void> lost) {
            this.keepOpen = keepOpen;
            this.log = log;
            this.lost = lost;
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            log.add("connection_made");
        }

        @Override
        public void dataReceived(byte[] d) {
            if (!log.get(log.size() - 1).startsWith("data_received")) {
                log.add("data_received");
            }
            data.writeBytes(d);
        }

        @Override
        public boolean eofReceived() {
            log.set(log.size() - 1, "data_received total=" + Py.decode(data.toByteArray()));
            log.add("eof_received -> returning " + (keepOpen ? "True" : "None"));
            if (keepOpen) {
                transport.write(Py.concat(b("reply:"), data.toByteArray()));
                transport.close();
                return true;
            }
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            log.add("connection_lost exc=" + Py.str(exc));
            lost.setResult(null);
        }
    }

    private Coroutine<Void> runCase(boolean keepOpen) {
        return Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            List<String> log = new ArrayList<>();
            Future<Void> lost = loop.createFuture();
            Server server = a.await(Network.createServer(loop, () -> new ServerProto(keepOpen, log, lost),
                    "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
            c.writer().write(b("ping-"));
            c.writer().write(b("pong"));
            a.await(c.writer().drain());
            c.writer().writeEof();
            byte[] reply = a.await(c.reader().read());
            a.await(lost);
            t.print("case keep_open=" + (keepOpen ? "True" : "False"));
            for (String entry : log) {
                t.print("  server:", entry);
            }
            t.print("  client read until EOF:", reply);
            c.writer().close();
            a.await(c.writer().waitClosed());
            server.close();
            a.await(server.waitClosed());
        });
    }

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            a.await(runCase(true));
            a.await(runCase(false));
        }));
        t.assertMatches("515_tcp_protocol_callbacks");
    }
}
