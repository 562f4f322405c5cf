package dev.aiobridge.reactor.net;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.ServerOptions;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support: a loop on its own thread and a loopback listener, handing out connected pairs of streams
 * (ours and the peer's), each end with the reader limit asked for. Closing it closes every pair, the
 * listener and the loop.
 */
final class Loopback implements AutoCloseable {
    /** Two ends of one loopback TCP connection. */
    record Pair(StreamPair ours, StreamPair peer) {
    }

    @FunctionalInterface
    interface OnLoop<T> {
        T run(Awaiter a) throws Throwable;
    }

    final EventLoopThread thread;
    final EventLoop loop;
    private final ArrayDeque<StreamPair> accepted = new ArrayDeque<>();
    private final List<Pair> pairs = new ArrayList<>();
    private Server server;
    private int port;

    Loopback(String name) {
        thread = EventLoopThread.start(name);
        loop = thread.getLoop();
        run(a -> {
            server = a.await(Streams.startServer((reader, writer) -> {
                accepted.add(new StreamPair(reader, writer));
                return null;
            }, "127.0.0.1", 0, 64 * 1024, ServerOptions.defaults()));
            port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            return null;
        });
    }

    /** Runs {@code body} as a task on the loop and waits for it (bounded: a broken rule fails, never hangs). */
    <T> T run(OnLoop<T> body) {
        try {
            return thread.submit(Coroutine.of(a -> body.run(a))).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new connection: our end with a reader of {@code limit}, the peer's with 64 KiB. */
    Pair connect(int limit) {
        return run(a -> {
            StreamPair ours = a.await(Streams.openConnection("127.0.0.1", port, limit));
            while (accepted.isEmpty()) {
                a.await(AsyncIO.sleep(0));
            }
            Pair p = new Pair(ours, accepted.poll());
            pairs.add(p);
            return p;
        });
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            run(a -> {
                for (Pair p : pairs) {
                    p.ours().writer().transport().abort();
                    p.peer().writer().transport().abort();
                }
                server.close();
                a.await(server.waitClosed());
                return null;
            });
        } finally {
            thread.close();
        }
    }
}
