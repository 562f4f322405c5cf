package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.queue.Queue;
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

/** 517_transport_pause_reading: nothing (not even EOF) while paused; resume delivers all; idempotent. */
class Scenario517TransportPauseReadingTest {
    private final Trace t = new Trace();

    private final class ServerProto implements Protocol {
        final Queue<String> events;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        Transport transport;

        ServerProto(Queue<String> events) {
            this.events = events;
        }

        @Override
        public void connectionMade(Transport tr) {
            this.transport = tr;
            tr.pauseReading();
            tr.pauseReading();
            t.print("server: connection_made, paused twice, is_reading", tr.isReading());
            events.putNowait("made");
        }

        @Override
        public void dataReceived(byte[] data) {
            t.print("server: data_received", data);
            received.writeBytes(data);
        }

        @Override
        public boolean eofReceived() {
            t.print("server: eof_received");
            events.putNowait("eof");
            return true;
        }

        @Override
        public void connectionLost(Throwable exc) {
            t.print("server: connection_lost", exc);
            events.putNowait("lost");
        }
    }

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Queue<String> events = new Queue<>();
            List<ServerProto> protos = new ArrayList<>();
            Server server = a.await(Network.createServer(loop, () -> {
                protos.add(new ServerProto(events));
                return protos.get(protos.size() - 1);
            }, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
            c.writer().write(b("hello "));
            c.writer().write(b("world"));
            c.writer().writeEof();
            a.await(c.writer().drain());
            t.print("event:", a.await(events.get()));
            a.await(AsyncIO.sleep(0.05));
            Transport tr = protos.get(0).transport;
            t.print("50 ms later: server received", protos.get(0).received.toByteArray(), "| is_reading",
                    tr.isReading());
            tr.resumeReading();
            t.print("server: resume_reading -> is_reading", tr.isReading());
            tr.resumeReading();
            t.print("event:", a.await(events.get()));
            tr.close();
            t.print("server: after close is_reading", tr.isReading());
            tr.pauseReading();
            tr.resumeReading();
            t.print("event:", a.await(events.get()));
            t.print("client: read ->", a.await(c.reader().read()));
            c.writer().close();
            a.await(c.writer().waitClosed());
            server.close();
            a.await(server.waitClosed());
        }));
        t.assertMatches("517_transport_pause_reading");
    }
}
