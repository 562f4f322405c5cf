package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 511_tcp_framing_readexactly_readuntil: length-prefixed frames and CRLF headers re-split over TCP. */
class Scenario511TcpFramingReadexactlyReaduntilTest {
    private final Trace t = new Trace();

    private Coroutine<Void> handle(StreamReader reader, StreamWriter writer) {
        return Coroutine.ofVoid(a -> {
            List<String> frames = new ArrayList<>();
            while (true) {
                byte[] header = a.await(reader.readexactly(4));
                int n = ByteBuffer.wrap(header).getInt();
                if (n == 0) {
                    t.print("server: terminator frame");
                    break;
                }
                byte[] frame = a.await(reader.readexactly(n));
                frames.add("'" + Py.decode(frame) + "'");
                t.print("server: frame of", n, "bytes:", frame);
            }
            List<String> headers = new ArrayList<>();
            while (true) {
                byte[] h = a.await(reader.readuntil(b("\r\n")));
                if (Arrays.equals(h, b("\r\n"))) {
                    t.print("server: blank line ends headers");
                    break;
                }
                headers.add("'" + Py.decode(Arrays.copyOf(h, h.length - 2)) + "'");
                t.print("server: header line", h);
            }
            byte[] rest = a.await(reader.read());
            t.print("server: rest until EOF", rest);
            String summary = "frames=" + frames + " headers=" + headers + " rest=" + Py.decode(rest) + "\n";
            writer.write(b(summary));
            a.await(writer.drain());
            writer.close();
            a.await(writer.waitClosed());
        });
    }

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Server server = a.await(Streams.startServer(this::handle, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            for (String f : new String[] {"alpha", "bc", "xxx"}) {
                payload.writeBytes(ByteBuffer.allocate(4).putInt(f.length()).array());
                payload.writeBytes(b(f));
            }
            payload.writeBytes(new byte[4]);
            payload.writeBytes(b("Host: example\r\nX-Count: 3\r\n\r\ntrailing-bytes"));
            c.writer().write(payload.toByteArray());
            a.await(c.writer().drain());
            c.writer().writeEof();
            t.print("client got:", Py.decode(a.await(c.reader().read())).strip());
            c.writer().close();
            a.await(c.writer().waitClosed());
            server.close();
            a.await(server.waitClosed());
        }));
        t.assertMatches("511_tcp_framing_readexactly_readuntil");
    }
}
