package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.queue.LifoQueue;
import dev.aiobridge.queue.PriorityQueue;
import dev.aiobridge.queue.Queue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear error at the call, and resources are not held for nothing: null arguments,
 * sleep durations beyond the clamp, huge receive sizes, receive buffers of idle sockets, and the file
 * descriptors of channels closed while the loop is busy.
 */
class BadInputRulesTest {

    private static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.configureBlocking(false);
        return server;
    }

    /** A connected pair over loopback: [client, server side]. */
    private static SocketChannel[] pair(ServerSocketChannel server) throws IOException {
        SocketChannel client = SocketChannel.open(server.getLocalAddress());
        SocketChannel accepted;
        do {
            accepted = server.accept();
        } while (accepted == null);
        client.configureBlocking(false);
        accepted.configureBlocking(false);
        return new SocketChannel[] {client, accepted};
    }

    @Test
    void nullArgumentsAreRefusedAtTheCallWithTheirName() throws Exception {
        assertThatThrownBy(() -> Generator.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("body");
        SelectorEventLoop loop = new SelectorEventLoop();
        try (ServerSocketChannel server = listen()) {
            SocketChannel[] p = pair(server);
            try {
                assertThatThrownBy(() -> loop.sockSendAll(p[0], null)).isInstanceOf(NullPointerException.class)
                        .hasMessageContaining("data");
                assertThatThrownBy(() -> loop.sockConnect(p[0], null)).isInstanceOf(NullPointerException.class)
                        .hasMessageContaining("address");
                assertThatThrownBy(() -> loop.sockRecvInto(p[0], null)).isInstanceOf(NullPointerException.class)
                        .hasMessageContaining("buffer");
                assertThatThrownBy(() -> loop.sockRecv(null, 10)).isInstanceOf(NullPointerException.class)
                        .hasMessageContaining("socket");
                assertThatThrownBy(() -> loop.sockRecv(p[0], -1)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("negative");
            } finally {
                p[0].close();
                p[1].close();
                loop.close();
            }
        }
    }

    @Test
    void queuesRefuseNullItemsClearlyAndStayUsable() {
        for (Queue<String> q : List.<Queue<String>>of(new Queue<>(), new LifoQueue<>(), new PriorityQueue<>())) {
            List<String> got = AsyncIO.run(Coroutine.of(a -> {
                assertThatThrownBy(() -> q.putNowait(null)).isInstanceOf(NullPointerException.class)
                        .hasMessageContaining("null");
                assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class)
                        .hasMessageContaining("null");
                assertThat(q.qsize()).isZero();
                a.await(q.put("x"));
                return List.of(q.getNowait());
            }));
            assertThat(got).containsExactly("x");
        }
    }

    @Test
    void sleepBeyondTheClampClampsWhateverTheForm() {
        List<String> log = AsyncIO.run(Coroutine.of(a -> {
            List<String> out = new ArrayList<>();
            for (Coroutine<Void> forever : List.of(AsyncIO.sleep(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)),
                    AsyncIO.sleep(1e300), AsyncIO.sleep(Double.POSITIVE_INFINITY))) {
                Task<Void> t = AsyncIO.createTask(forever);
                a.await(AsyncIO.sleep(0));
                t.cancel();
                try {
                    a.await(t);
                } catch (CancelledError e) {
                    out.add("cancelled");
                }
            }
            a.await(AsyncIO.sleep(Duration.ofSeconds(Long.MIN_VALUE)));
            out.add("negative is zero");
            return out;
        }));
        assertThat(log).containsExactly("cancelled", "cancelled", "cancelled", "negative is zero");
        assertThatThrownBy(() -> AsyncIO.sleep((Duration) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("duration");
    }

    @Test
    void aHugeReceiveSizeIsNotAnAllocationAndIdleReceivesHoldNoBuffers() throws Exception {
        int connections = 50;
        SelectorEventLoop loop = new SelectorEventLoop();
        List<SocketChannel[]> pairs = new ArrayList<>();
        try (ServerSocketChannel server = listen()) {
            for (int i = 0; i < connections; i++) {
                pairs.add(pair(server));
            }
            List<Integer> sizes = loop.runUntilComplete(Coroutine.of(a -> {
                List<Task<byte[]>> receives = new ArrayList<>();
                for (SocketChannel[] p : pairs) {
                    // 256 MiB each: 12.5 GiB if allocated before data is there
                    receives.add(AsyncIO.createTask(loop.sockRecv(p[0], 256 << 20)));
                }
                receives.add(AsyncIO.createTask(loop.sockRecv(pairs.get(0)[1], Integer.MAX_VALUE)));
                a.await(AsyncIO.sleep(0));
                for (SocketChannel[] p : pairs) {
                    a.await(loop.sockSendAll(p[1], ByteBuffer.wrap(new byte[] {1, 2, 3})));
                }
                a.await(loop.sockSendAll(pairs.get(0)[0], ByteBuffer.wrap(new byte[] {4})));
                List<Integer> out = new ArrayList<>();
                for (Task<byte[]> r : receives) {
                    out.add(a.await(r).length);
                }
                return out;
            }));
            assertThat(sizes).hasSize(connections + 1).allMatch(n -> n == 3 || n == 1);
            assertThat(sizes.get(connections)).isEqualTo(1);
        } finally {
            for (SocketChannel[] p : pairs) {
                p[0].close();
                p[1].close();
            }
            loop.close();
        }
    }

    private static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void channelsClosedWhileTheLoopIsBusyReleaseTheirDescriptorsPromptly() throws Exception {
        int connections = 100;
        SelectorEventLoop loop = new SelectorEventLoop();
        try (ServerSocketChannel server = listen()) {
            List<SocketChannel[]> pairs = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                pairs.add(pair(server));
            }
            long[] fds = new long[3];
            int[] keys = new int[2];
            loop.runUntilComplete(Coroutine.ofVoid(a -> {
                // Each client waits once on the selector, so its key stays registered (with no interest).
                List<Task<byte[]>> receives = new ArrayList<>();
                for (SocketChannel[] p : pairs) {
                    receives.add(AsyncIO.createTask(loop.sockRecv(p[0], 16)));
                }
                a.await(AsyncIO.sleep(0));
                for (SocketChannel[] p : pairs) {
                    a.await(loop.sockSendAll(p[1], ByteBuffer.wrap(new byte[] {1})));
                }
                for (Task<byte[]> r : receives) {
                    a.await(r);
                }
                keys[0] = loop.selectorKeys();
                fds[0] = openFds();
                for (SocketChannel[] p : pairs) {
                    p[0].close();
                    p[1].close();
                }
                fds[1] = openFds();
                // Busy with nothing registered: 1000 iterations that never wait.
                for (int i = 0; i < 1000; i++) {
                    a.await(AsyncIO.sleep(0));
                }
                keys[1] = loop.selectorKeys();
                fds[2] = openFds();
            }));
            assertThat(keys[0]).isEqualTo(connections);
            assertThat(keys[1]).isZero();
            assertThat(fds[0] - fds[2]).as("descriptors released, of %s", fds[0] - fds[1] + connections)
                    .isGreaterThanOrEqualTo(2L * connections - 10);
        } finally {
            loop.close();
        }
    }
}
