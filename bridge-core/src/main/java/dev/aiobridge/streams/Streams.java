package dev.aiobridge.streams;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.transport.ConnectOptions;
import dev.aiobridge.transport.Connection;
import dev.aiobridge.transport.Network;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.ServerOptions;

/**
 * asyncio's stream functions ({@code open_connection}, {@code start_server}) on the running loop.
 *
 * <pre>{@code
 * StreamPair conn = a.await(Streams.openConnection("127.0.0.1", 8888));
 * conn.writer().write("hello\n".getBytes());
 * byte[] line = a.await(conn.reader().readline());
 * }</pre>
 */
public final class Streams {
    private Streams() {
    }

    /** {@code asyncio.open_connection(host, port)} with the default limit (64 KiB). */
    public static Coroutine<StreamPair> openConnection(String host, int port) {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * {@code asyncio.open_connection(host, port, limit=limit)}: a TCP connection as a reader and a writer;
     * {@code limit} bounds {@code readline}/{@code readuntil} and the read buffer.
     */
    public static Coroutine<StreamPair> openConnection(String host, int port, int limit) {
        return openConnection(host, port, limit, ConnectOptions.defaults());
    }

    /** {@code asyncio.open_connection(host, port, ssl=..., server_hostname=...)}: e.g. over TLS. */
    public static Coroutine<StreamPair> openConnection(String host, int port, ConnectOptions options) {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT, options);
    }

    /** {@code asyncio.open_connection(host, port, limit=..., **kwds)}. */
    public static Coroutine<StreamPair> openConnection(String host, int port, int limit, ConnectOptions options) {
        return Coroutine.of("open_connection", a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            StreamReader reader = new StreamReader(limit, loop);
            StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
            Connection<StreamReaderProtocol> c = a.await(Network.createConnection(loop, () -> protocol, host, port,
                    options));
            return new StreamPair(reader, new StreamWriter(c.transport(), protocol, reader, loop));
        });
    }

    /** {@code asyncio.start_server(client_connected_cb, host, port)} with CPython's defaults. */
    public static Coroutine<Server> startServer(ClientConnected callback, String host, int port) {
        return startServer(callback, host, port, StreamReader.DEFAULT_LIMIT, ServerOptions.defaults());
    }

    /**
     * {@code asyncio.start_server(client_connected_cb, host, port, limit=..., **kwds)}: each connection
     * gets a reader and a writer and is served by {@code callback}.
     */
    public static Coroutine<Server> startServer(ClientConnected callback, String host, int port, int limit,
                                                ServerOptions options) {
        return Coroutine.of("start_server", a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            return a.await(Network.createServer(loop, () -> new StreamReaderProtocol(
                    new StreamReader(limit, loop), callback, loop), host, port, options));
        });
    }

    /** {@code asyncio.open_unix_connection(path)}: a Unix-domain connection as a reader and a writer. */
    public static Coroutine<StreamPair> openUnixConnection(String path) {
        return openUnixConnection(path, StreamReader.DEFAULT_LIMIT);
    }

    /** {@code asyncio.open_unix_connection(path, limit=limit)}. */
    public static Coroutine<StreamPair> openUnixConnection(String path, int limit) {
        return Coroutine.of("open_unix_connection", a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            StreamReader reader = new StreamReader(limit, loop);
            StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
            Connection<StreamReaderProtocol> c = a.await(Network.createUnixConnection(loop, () -> protocol, path));
            return new StreamPair(reader, new StreamWriter(c.transport(), protocol, reader, loop));
        });
    }

    /** {@code asyncio.start_unix_server(client_connected_cb, path)} with CPython 3.13's defaults. */
    public static Coroutine<Server> startUnixServer(ClientConnected callback, String path) {
        return startUnixServer(callback, path, StreamReader.DEFAULT_LIMIT, ServerOptions.defaults());
    }

    /** {@code asyncio.start_unix_server(client_connected_cb, path, limit=..., **kwds)}. */
    public static Coroutine<Server> startUnixServer(ClientConnected callback, String path, int limit,
                                                    ServerOptions options) {
        return Coroutine.of("start_unix_server", a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            return a.await(Network.createUnixServer(loop, () -> new StreamReaderProtocol(
                    new StreamReader(limit, loop), callback, loop), path, options));
        });
    }
}
