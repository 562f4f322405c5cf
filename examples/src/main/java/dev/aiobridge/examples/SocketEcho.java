package dev.aiobridge.examples;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.SelectorEventLoop;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A TCP echo server and a client on one event loop, written with the coroutine socket operations
 * ({@code sockAccept}, {@code sockRecv}, {@code sockSendAll}, {@code sockConnect}) over the loop's
 * selector: every wait is a future the selector completes, and one thread serves both sides.
 */
public final class SocketEcho implements Example {

    @Override
    public String name() {
        return "socket-echo";
    }

    @Override
    public String summary() {
        return "a TCP echo server and client on one loop: sockAccept, sockRecv, sockSendAll on a java.nio Selector";
    }

    @Override
    public String input() {
        return "three lines sent by a client to an echo server over loopback TCP (127.0.0.1, port 0)";
    }

    /** Serves one connection: echoes what arrives until the client closes its side. */
    static Coroutine<Integer> serveOne(SelectorEventLoop loop, ServerSocketChannel server, PrintStream out) {
        return Coroutine.of("echo_server", a -> {
            int echoed = 0;
            try (SocketChannel conn = a.await(loop.sockAccept(server))) {
                out.println("  server: accepted a connection from "
                        + ((InetSocketAddress) conn.getRemoteAddress()).getAddress().getHostAddress());
                while (true) {
                    byte[] data = a.await(loop.sockRecv(conn, 1024));
                    if (data.length == 0) {
                        out.println("  server: client closed its side after " + echoed + " bytes");
                        return echoed;
                    }
                    echoed += data.length;
                    a.await(loop.sockSendAll(conn, ByteBuffer.wrap(data)));
                }
            }
        });
    }

    @Override
    public void run(PrintStream out) {
        AsyncIO.run(Coroutine.ofVoid("main", a -> {
            SelectorEventLoop loop = SelectorEventLoop.running();
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress("127.0.0.1", 0));
                server.configureBlocking(false);
                Task<Integer> serving = AsyncIO.createTask(serveOne(loop, server, out), "server");
                // tag::client[]
                try (SocketChannel client = SocketChannel.open()) {
                    client.configureBlocking(false);
                    a.await(loop.sockConnect(client, server.getLocalAddress()));
                    for (String line : List.of("hello", "asyncio on the JVM", "bye")) {
                        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                        a.await(loop.sockSendAll(client, ByteBuffer.wrap(bytes)));
                        ByteBuffer reply = ByteBuffer.allocate(bytes.length);
                        while (reply.hasRemaining()) {
                            a.await(loop.sockRecvInto(client, reply));
                        }
                        out.println("  client: sent '" + line + "', got back '"
                                + new String(reply.array(), StandardCharsets.UTF_8) + "'");
                    }
                    client.shutdownOutput();
                    out.println("  server echoed " + a.await(serving) + " bytes in all");
                // end::client[]
                }
            }
        }));
    }
}
