package dev.aiobridge.examples;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * asyncio's streams echo server and client ({@code asyncio.start_server}, {@code open_connection}):
 * the server's handler reads lines and writes them back, waiting in {@code drain()} when the
 * connection's buffer is full; the client sends three lines, reads each echo, then closes its side.
 */
public final class StreamsEcho implements Example {

    @Override
    public String name() {
        return "streams-echo";
    }

    @Override
    public String summary() {
        return "an echo server and client on asyncio's streams: startServer, openConnection, readline, drain";
    }

    @Override
    public String input() {
        return "three lines sent by a client to a streams echo server over loopback TCP (127.0.0.1, port 0)";
    }

    // tag::handler[]
    /** Serves one connection: each line back as it came, until the client closes its side. */
    static Coroutine<Void> handle(StreamReader reader, StreamWriter writer, PrintStream out) {
        return Coroutine.ofVoid(a -> {
            int lines = 0;
            byte[] line;
            while ((line = a.await(reader.readline())).length > 0) {   // b"" at EOF
                writer.write(line);
                a.await(writer.drain());
                lines++;
            }
            out.println("  server: the client closed its side after " + lines + " lines; closing ours");
            writer.close();
            a.await(writer.waitClosed());
        });
    }
    // end::handler[]

    @Override
    public void run(PrintStream out) {
        AsyncIO.run(Coroutine.ofVoid("main", a -> {
            Server server = a.await(Streams.startServer((r, w) -> handle(r, w, out), "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            server.with(a, () -> {
                // tag::client[]
                StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
                for (String text : List.of("hello", "asyncio streams on the JVM", "bye")) {
                    c.writer().write((text + "\n").getBytes(StandardCharsets.UTF_8));
                    a.await(c.writer().drain());
                    byte[] echo = a.await(c.reader().readline());
                    out.println("  client: sent '" + text + "', got back '"
                            + new String(echo, StandardCharsets.UTF_8).strip() + "'");
                }
                c.writer().writeEof();                                    // the server's readline gets b""
                byte[] rest = a.await(c.reader().read());                 // until the server closes
                out.println("  client: the server closed the connection (" + rest.length + " more bytes)");
                c.writer().close();
                a.await(c.writer().waitClosed());
                // end::client[]
                return null;
            });
            out.println("  server closed");
        }));
    }
}
