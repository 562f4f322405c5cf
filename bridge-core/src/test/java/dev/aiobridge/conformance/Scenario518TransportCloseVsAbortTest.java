package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.transport.Connection;
import dev.aiobridge.transport.Network;
import dev.aiobridge.transport.Protocol;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** 518_transport_close_vs_abort: close() flushes then connection_lost; abort() drops, lost next iteration. */
class Scenario518TransportCloseVsAbortTest {
    private final Trace t = new Trace();
    private static final byte[] CHUNK = new byte[65536];

    private final class Client implements Protocol {
        Transport transport;
        Future<Void> lost;

        @Override
        public void connectionMade(Transport tr) {
            this.transport = tr;
            this.lost = AsyncIO.getRunningLoop().createFuture();
        }

        @Override
        public void connectionLost(Throwable exc) {
            t.print("  client: connection_lost", exc, "| buffer size", transport.getWriteBufferSize());
            lost.setResult(null);
        }
    }

    private static final class Sink implements Protocol {
        final Future<Long> done;
        long received;

        Sink(Future<Long> done) {
            this.done = done;
        }

        @Override
        public void dataReceived(byte[] data) {
            received += data.length;
        }

        @Override
        public boolean eofReceived() {
            done.setResult(received);
            return false;
        }
    }

    private Coroutine<Void> runCase(String how) {
        return Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Future<Long> done = loop.createFuture();
            Server server = a.await(Network.createServer(loop, () -> new Sink(done), "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            Connection<Client> c = a.await(Network.createConnection(loop, Client::new, "127.0.0.1", port));
            Transport tr = c.transport();
            Client p = c.protocol();
            tr.setWriteBufferLimits(1L << 40);
            long sent = 0;
            while (tr.getWriteBufferSize() == 0) {
                tr.write(CHUNK);
                sent += CHUNK.length;
            }
            tr.write(new byte[CHUNK.length * 128]);
            sent += CHUNK.length * 128L;
            t.print(how + "(): data buffered before:", tr.getWriteBufferSize() > 0);
            if (how.equals("close")) {
                tr.close();
            } else {
                tr.abort();
            }
            t.print("  right after: is_closing", tr.isClosing(), "| buffer size is 0:", tr.getWriteBufferSize() == 0);
            a.await(AsyncIO.sleep(0));
            t.print("  one iteration later: connection_lost called?", p.lost.isDone());
            a.await(p.lost);
            long received = a.await(done);
            t.print("  server: eof_received | got all bytes:", received == sent, "| got fewer:", received < sent);
            server.close();
            a.await(server.waitClosed());
        });
    }

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            a.await(runCase("close"));
            a.await(runCase("abort"));
        }));
        t.assertMatches("518_transport_close_vs_abort");
    }
}
