package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.BufferedProtocol;
import dev.aiobridge.transport.Network;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 520_buffered_protocol: get_buffer(-1)/buffer_updated chunking by buffer size; an empty buffer is a
 * fatal error through the exception handler (Python's RuntimeError is {@link IllegalStateException});
 * the client then sees a reset ({@link SocketException}).
 */
class Scenario520BufferedProtocolTest {
    private final Trace t = new Trace();
    private Throwable handlerExc;

    private final class Proto implements BufferedProtocol {
        final byte[] buf;
        final Future<Throwable> done;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        Transport transport;

        Proto(int size, Future<Throwable> done) {
            this.buf = new byte[size];
            this.done = done;
        }

        @Override
        public void connectionMade(Transport tr) {
            this.transport = tr;
            t.print("server: connection_made");
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            t.print(String.format("server: get_buffer(sizehint=%d) -> %d-byte buffer", sizeHint, buf.length));
            return ByteBuffer.wrap(buf);
        }

        @Override
        public void bufferUpdated(int nbytes) {
            data.write(buf, 0, nbytes);
            t.print(String.format("server: buffer_updated(%d) -> %s", nbytes, Py.bytesRepr(data.toByteArray())));
            if (data.size() == 10) {
                transport.write(b("ack"));
            }
        }

        @Override
        public boolean eofReceived() {
            t.print("server: eof_received");
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            t.print("server: connection_lost", exc != null ? pyName(exc) : null);
            done.setResult(exc);
        }
    }

    static String pyName(Throwable e) {
        if (e.getClass() == IllegalStateException.class) {
            return "RuntimeError";
        }
        return e.getClass().getSimpleName();
    }

    private Coroutine<Void> runCase(int size) {
        return Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Future<Throwable> done = loop.createFuture();
            Server server = a.await(Network.createServer(loop, () -> new Proto(size, done), "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
            c.writer().write(b("0123456789"));
            if (size > 0) {
                t.print("client: got", a.await(c.reader().readexactly(3)));
                c.writer().writeEof();
            }
            Throwable exc = a.await(done);
            if (exc != null) {
                t.print("connection_lost got the handler's exception:", exc == handlerExc);
            }
            try {
                t.print("client: read ->", a.await(c.reader().read()));
            } catch (Exception e) {
                if (!(e instanceof SocketException)) {
                    throw e;
                }
                t.print("client: read -> ConnectionResetError");
            }
            c.writer().close();
            try {
                a.await(c.writer().waitClosed());
            } catch (Exception e) {
                if (!(e instanceof SocketException)) {
                    throw e;
                }
            }
            server.close();
            a.await(server.waitClosed());
        });
    }

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            AsyncIO.getRunningLoop().setExceptionHandler((loop, context) -> {
                List<String> keys = new ArrayList<>(context.toMap().keySet());
                keys.sort(null);
                List<Object> quoted = new ArrayList<>(keys);
                t.print("exception handler:", context.message(), "|", pyName(context.exception()),
                        context.exception(), "| keys", quoted);
                handlerExc = context.exception();
            });
            a.await(runCase(4));
            a.await(runCase(0));
        }));
        t.assertMatches("520_buffered_protocol");
    }
}
