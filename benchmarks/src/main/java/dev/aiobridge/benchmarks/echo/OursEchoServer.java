package dev.aiobridge.benchmarks.echo;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Network;
import dev.aiobridge.transport.Protocol;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.ServerOptions;
import dev.aiobridge.transport.Transport;
import java.net.InetSocketAddress;

/**
 * P7's echo server on our selector loop (one loop, one thread), as vmbench's asyncio servers:
 * {@code protocol} echoes from {@code dataReceived} with {@code transport.write}; {@code streams} loops on
 * {@code reader.read(100 KiB)}, {@code writer.write}, {@code writer.drain()}. With {@code --tls} the
 * server wraps its connections in TLS (JDK SSLEngine). Listens on 127.0.0.1, a free port, printed as
 * {@code READY <port>}; runs until the process is killed.
 *
 * <p>Usage: {@code OursEchoServer protocol|streams [--tls]}.
 */
public final class OursEchoServer {
    static final int READ_SIZE = 100 * 1024;

    private OursEchoServer() {
    }

    /** {@code class Echo(asyncio.Protocol)}: {@code data_received} writes the data back. */
    static final class Echo implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            this.transport = t;
        }

        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /** {@code async def echo(reader, writer)}: read, write, drain until the client closes. */
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
        return Coroutine.ofVoid("echo", a -> {
            while (true) {
                byte[] data = a.await(reader.read(READ_SIZE));
                if (data.length == 0) {
                    break;
                }
                writer.write(data);
                a.await(writer.drain());
            }
            writer.close();
        });
    }

    public static void main(String[] args) {
        String kind = args.length > 0 ? args[0] : "protocol";
        boolean tls = args.length > 1 && args[1].equals("--tls");
        AsyncIO.run(Coroutine.ofVoid("main", a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            ServerOptions options = ServerOptions.defaults();
            if (tls) {
                options = options.withSsl(Tls.serverContext());
            }
            Server server = switch (kind) {
                case "protocol" -> a.await(Network.createServer(loop, Echo::new, "127.0.0.1", 0, options));
                case "streams" -> a.await(Streams.startServer(OursEchoServer::echo, "127.0.0.1", 0,
                        StreamReader.DEFAULT_LIMIT, options));
                default -> throw new IllegalArgumentException("protocol or streams, not " + kind);
            };
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            System.out.println("READY " + port);
            System.out.flush();
            a.await(server.serveForever());
        }));
    }
}
