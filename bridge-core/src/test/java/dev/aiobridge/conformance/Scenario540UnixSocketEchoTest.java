package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.TransportSocket;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * 540_unix_socket_echo: start_unix_server/open_unix_connection echo; peername/sockname are
 * {@link UnixDomainSocketAddress}es (an unnamed socket has the empty path, Python's {@code ''});
 * a missing path raises {@link NoSuchFileException} (Python's FileNotFoundError, an OSError).
 */
class Scenario540UnixSocketEchoTest {
    private final Trace t = new Trace();

    private static String path(Object address) {
        return ((UnixDomainSocketAddress) address).getPath().toString();
    }

    @Test
    void trace() throws IOException {
        Path tmp = Files.createTempDirectory("aiobridge-540");
        String path = tmp.resolve("echo.sock").toString();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Future<Void> finished = AsyncIO.getRunningLoop().createFuture();
            Server server = a.await(Streams.startUnixServer((StreamReader reader, StreamWriter writer) ->
                    Coroutine.ofVoid(h -> {
                        byte[] line;
                        while ((line = h.await(reader.readline())).length > 0) {
                            t.print("server: got", line, "| sockname is path:",
                                    path(writer.getExtraInfo("sockname")).equals(path),
                                    "| peername " + Py.repr(path(writer.getExtraInfo("peername"))));
                            writer.write(Py.concat(b("echo:"), line));
                            h.await(writer.drain());
                        }
                        t.print("server: EOF");
                        writer.close();
                        h.await(writer.waitClosed());
                        finished.setResult(null);
                    }), path));
            TransportSocket lsock = server.sockets().get(0);
            t.print("server.sockets[0] bound to path:", path(lsock.getLocalAddress()).equals(path),
                    "| AF_UNIX:", lsock.family() == StandardProtocolFamily.UNIX,
                    "| socket file exists:", Files.exists(Path.of(path)));
            StreamPair c = a.await(Streams.openUnixConnection(path));
            t.print("client: peername is path:", path(c.writer().getExtraInfo("peername")).equals(path),
                    "| sockname " + Py.repr(path(c.writer().getExtraInfo("sockname"))),
                    "| AF_UNIX:", ((TransportSocket) c.writer().getExtraInfo("socket")).family()
                            == StandardProtocolFamily.UNIX);
            for (String msg : new String[] {"one\n", "two\n"}) {
                c.writer().write(b(msg));
                t.print("client: reply", a.await(c.reader().readline()));
            }
            c.writer().writeEof();
            t.print("client: after server close ->", a.await(c.reader().read()));
            c.writer().close();
            a.await(c.writer().waitClosed());
            a.await(finished);
            server.close();
            a.await(server.waitClosed());
            try {
                a.await(Streams.openUnixConnection(tmp.resolve("missing.sock").toString()));
            } catch (Exception e) {
                if (!(e instanceof NoSuchFileException)) {
                    throw e;
                }
                t.print("connect to missing path -> FileNotFoundError | is OSError:", e instanceof IOException);
            }
        }));
        Files.deleteIfExists(Path.of(path));
        Files.delete(tmp);
        t.assertMatches("540_unix_socket_echo");
    }
}
