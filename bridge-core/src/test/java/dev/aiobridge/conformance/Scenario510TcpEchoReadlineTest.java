package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** 510_tcp_echo_readline: start_server/open_connection echo in lockstep; write_eof; close. */
class Scenario510TcpEchoReadlineTest {
    private final Trace t = new Trace();

    private Coroutine<Void> handle(StreamReader reader, StreamWriter writer) {
        return Coroutine.ofVoid(a -> {
            writer.write(b("hello\n"));
            a.await(writer.drain());
            while (true) {
                byte[] line = a.await(reader.readline());
                if (line.length == 0) {
                    t.print("server: EOF from client, closing");
                    break;
                }
                t.print("server: got", line);
                writer.write(Py.concat(b("echo:"), line));
                a.await(writer.drain());
            }
            writer.close();
            a.await(writer.waitClosed());
        });
    }

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Server server = a.await(Streams.startServer(this::handle, "127.0.0.1", 0));
            InetSocketAddress addr = (InetSocketAddress) server.sockets().get(0).getLocalAddress();
            t.print("server listening on", addr.getAddress().getHostAddress(), "port>0:", addr.getPort() > 0,
                    "| is_serving:", server.isServing());
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", addr.getPort()));
            StreamReader reader = c.reader();
            StreamWriter writer = c.writer();
            t.print("client: greeting", a.await(reader.readline()));
            for (String msg : new String[] {"one\n", "two\n", "three\n"}) {
                t.print("client: send", b(msg));
                writer.write(b(msg));
                a.await(writer.drain());
                t.print("client: reply", a.await(reader.readline()));
            }
            t.print("client: can_write_eof", writer.canWriteEof());
            writer.writeEof();
            t.print("client: after server close, readline ->", a.await(reader.readline()), "| at_eof",
                    reader.atEof());
            writer.close();
            a.await(writer.waitClosed());
            t.print("client: is_closing", writer.isClosing());
            server.close();
            a.await(server.waitClosed());
            t.print("server is_serving:", server.isServing());
        }));
        t.assertMatches("510_tcp_echo_readline");
    }
}
