package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.coroutine.Coroutine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coroutine socket operations on the selector: echo, large writes, resets, misuse, no leaks. */
class SocketOperationsTest {

    private static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.configureBlocking(false);
        return server;
    }

    private static SocketChannel client() throws IOException {
        SocketChannel c = SocketChannel.open();
        c.configureBlocking(false);
        return c;
    }

    @Test
    void echoOverAcceptConnectRecvAndSendAll() throws Exception {
        SelectorEventLoop loop = new SelectorEventLoop();
        List<String> log = new ArrayList<>();
        try (ServerSocketChannel server = listen()) {
            loop.runUntilComplete(Coroutine.ofVoid(a -> {
                Task<Void> echo = AsyncIO.createTask(Coroutine.ofVoid(s -> {
                    try (SocketChannel conn = s.await(loop.sockAccept(server))) {
                        while (true) {
                            byte[] data = s.await(loop.sockRecv(conn, 1024));
                            if (data.length == 0) {
                                log.add("server: eof");
                                return;
                            }
                            s.await(loop.sockSendAll(conn, ByteBuffer.wrap(data)));
                        }
                    }
                }), "echo");
                try (SocketChannel c = client()) {
                    a.await(loop.sockConnect(c, server.getLocalAddress()));
                    for (String msg : List.of("hello", "world")) {
                        a.await(loop.sockSendAll(c, ByteBuffer.wrap(msg.getBytes(StandardCharsets.UTF_8))));
                        byte[] back = a.await(loop.sockRecv(c, 1024));
                        log.add("client: " + new String(back, StandardCharsets.UTF_8));
                    }
                    c.shutdownOutput();
                    a.await(echo);
                }
            }));
        }
        assertThat(log).containsExactly("client: hello", "client: world", "server: eof");
        assertThat(loop.registeredChannels()).isZero();
        loop.close();
    }

    @Test
    void sendAllWaitsUntilEveryByteIsAccepted() throws Exception {
        SelectorEventLoop loop = new SelectorEventLoop();
        int size = 8 * 1024 * 1024; // far more than the socket buffers hold
        try (ServerSocketChannel server = listen()) {
            long received = loop.runUntilComplete(Coroutine.of(a -> {
                Task<Long> reader = AsyncIO.createTask(Coroutine.of(s -> {
                    long total = 0;
                    try (SocketChannel conn = s.await(loop.sockAccept(server))) {
                        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                        while (true) {
                            buf.clear();
                            int n = s.await(loop.sockRecvInto(conn, buf));
                            if (n < 0) {
                                return total;
                            }
                            total += n;
                        }
                    }
                }));
                try (SocketChannel c = client()) {
                    a.await(loop.sockConnect(c, server.getLocalAddress()));
                    a.await(loop.sockSendAll(c, ByteBuffer.allocate(size)));
                    c.shutdownOutput();
                    return a.await(reader);
                }
            }));
            assertThat(received).isEqualTo(size);
        }
        assertThat(loop.registeredChannels()).isZero();
        loop.close();
    }

    @Test
    void aPeerThatResetsMidStreamRaisesAtTheAwait() throws Exception {
        SelectorEventLoop loop = new SelectorEventLoop();
        try (ServerSocketChannel server = listen()) {
            Throwable error = loop.runUntilComplete(Coroutine.of(a -> {
                Task<Throwable> serverSide = AsyncIO.createTask(Coroutine.of(s -> {
                    try (SocketChannel conn = s.await(loop.sockAccept(server))) {
                        s.await(loop.sockRecv(conn, 10)); // the first bytes arrive
                        while (true) {
                            byte[] more = s.await(loop.sockRecv(conn, 10));
                            if (more.length == 0) {
                                return null;
                            }
                        }
                    } catch (IOException e) {
                        return e;
                    }
                }));
                SocketChannel c = client();
                a.await(loop.sockConnect(c, server.getLocalAddress()));
                a.await(loop.sockSendAll(c, ByteBuffer.wrap(new byte[] {1, 2, 3})));
                a.await(AsyncIO.sleep(0.02));
                c.setOption(StandardSocketOptions.SO_LINGER, 0); // close with a reset
                c.close();
                return a.await(serverSide);
            }));
            assertThat(error).isInstanceOf(IOException.class);
        }
        assertThat(loop.registeredChannels()).isZero();
        loop.close();
    }

    @Test
    void blockingChannelsAreRefused() throws Exception {
        SelectorEventLoop loop = new SelectorEventLoop();
        try (SocketChannel blocking = SocketChannel.open()) {
            assertThatThrownBy(() -> loop.sockRecv(blocking, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("the socket must be non-blocking");
            assertThatThrownBy(() -> loop.addReader(blocking, () -> {
            })).hasMessage("the socket must be non-blocking");
        }
        loop.close();
    }

    @Test
    void cancellingARecvRemovesTheReader() throws Exception {
        SelectorEventLoop loop = new SelectorEventLoop();
        try (ServerSocketChannel server = listen()) {
            loop.runUntilComplete(Coroutine.ofVoid(a -> {
                SocketChannel c = client();
                a.await(loop.sockConnect(c, server.getLocalAddress()));
                SocketChannel conn = a.await(loop.sockAccept(server));
                Task<byte[]> waiting = AsyncIO.createTask(loop.sockRecv(conn, 10));
                a.await(AsyncIO.sleep(0));
                waiting.cancel();
                assertThatThrownBy(() -> a.await(waiting)).isInstanceOf(CancelledError.class);
                assertThat(loop.registeredChannels()).isZero();
                conn.close();
                c.close();
            }));
        }
        loop.close();
    }
}
