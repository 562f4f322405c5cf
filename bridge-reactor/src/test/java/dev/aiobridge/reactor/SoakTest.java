package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.asyncio.SelectorEventLoop;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.internal.engine.Engine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The soak: one loop on its own thread under everything at once (thousands of tasks cancelled at random,
 * coroutines and callbacks handed in from other threads, an echo server and clients on loopback, Reactor
 * Monos subscribed from other threads and Fluxes iterated inside coroutines), then a shutdown in the
 * middle of it. Afterwards nothing accepted was lost (every submission ended: result, cancelled or "loop
 * closed"; every callback accepted ran), nothing hangs, and nothing is left behind: no fiber (continuation
 * or virtual thread), no pending task, no open or registered channel, no file descriptor. Random choices
 * come from fixed seeds; on both engines.
 */
class SoakTest {
    private static final long SEED = 20261201L;
    private static final int SUBMITTERS = 3;
    private static final int LOCAL_TASKS = 3_000;
    private static final int CLIENTS = 12;
    private static final int ACCEPTED_BEFORE_SHUTDOWN = 1_500;

    private static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static String outcome(CompletableFuture<?> cf) {
        if (!cf.isDone()) {
            return "pending";
        }
        try {
            cf.get();
            return "result";
        } catch (CancellationException e) {
            return "cancelled";
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof CancellationException) {
                return "cancelled";
            }
            return c instanceof IllegalStateException && String.valueOf(c.getMessage()).contains("closed")
                    ? "loop closed" : "error " + c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The loop-side load: tasks sleeping, spawning and being cancelled at random; an echo over loopback. */
    private static Coroutine<Integer> workload(SelectorEventLoop loop, ServerSocketChannel server,
                                               ConcurrentLinkedQueue<SocketChannel> channels) {
        return Coroutine.of("workload", a -> {
            Random random = new Random(SEED);
            Task<Void> acceptor = AsyncIO.createTask(Coroutine.ofVoid("acceptor", s -> {
                List<SocketChannel> mine = new ArrayList<>();
                try {
                    while (true) {
                        SocketChannel conn = s.await(loop.sockAccept(server));
                        channels.add(conn);
                        mine.add(conn);
                        AsyncIO.createTask(Coroutine.ofVoid("echo", e -> {
                            try (conn) {
                                while (true) {
                                    byte[] data = e.await(loop.sockRecv(conn, 4096));
                                    if (data.length == 0) {
                                        return;
                                    }
                                    e.await(loop.sockSendAll(conn, ByteBuffer.wrap(data)));
                                }
                            }
                        }));
                    }
                } finally {
                    // An echo task cancelled before its first step never reaches its try: the acceptor
                    // owns what it accepted and closes it too (closing twice is harmless).
                    for (SocketChannel conn : mine) {
                        conn.close();
                    }
                }
            }));
            List<Task<?>> tasks = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                tasks.add(AsyncIO.createTask(Coroutine.of("client", s -> {
                    int echoed = 0;
                    try (SocketChannel ch = SocketChannel.open()) {
                        ch.configureBlocking(false);
                        channels.add(ch);
                        s.await(loop.sockConnect(ch, server.getLocalAddress()));
                        for (int m = 0; m < 20; m++) {
                            s.await(loop.sockSendAll(ch, ByteBuffer.wrap(new byte[] {(byte) m, 1, 2, 3})));
                            int got = 0;
                            while (got < 4) {
                                got += s.await(loop.sockRecv(ch, 4)).length;
                            }
                            echoed += got;
                        }
                    }
                    return echoed;
                })));
            }
            for (int i = 0; i < LOCAL_TASKS; i++) {
                double delay = random.nextInt(5) / 1000.0;
                boolean spawn = random.nextInt(10) == 0;
                tasks.add(AsyncIO.createTask(Coroutine.of("leaf", s -> {
                    s.await(AsyncIO.sleep(delay));
                    if (spawn) {
                        s.await(AsyncIO.createTask(Coroutine.of(c -> c.await(AsyncIO.sleep(0, 1)))));
                    }
                    return 1;
                })));
                if (random.nextInt(4) == 0) {
                    tasks.get(random.nextInt(tasks.size())).cancel();
                }
                if (i % 100 == 0) {
                    a.await(AsyncIO.sleep(0));
                }
            }
            int sum = 0;
            // Publishers awaited and iterated inside the loop.
            try (FluxIterator<Integer> it = ReactorBridge.iterate(Flux.range(0, 50), 8)) {
                for (int v : a.iterate(it)) {
                    sum += v;
                }
            }
            sum += a.await(AsyncIO.toThread(() -> 1));
            a.await(AsyncIO.gather(tasks, true));
            acceptor.cancel();
            return sum;
        });
    }

    @Test
    void aLoopUnderMixedLoadShutDownInTheMiddleLosesAndLeavesNothing() throws Exception {
        long fibers = Engine.liveFibers();
        long fds = openFds();
        EventLoopThread elt = EventLoopThread.start("soak");
        EventLoop loop = elt.getLoop();
        ConcurrentLinkedQueue<SocketChannel> channels = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<CompletableFuture<?>> accepted = new ConcurrentLinkedQueue<>();
        AtomicLong callbacksAccepted = new AtomicLong();
        AtomicLong callbacksRan = new AtomicLong();
        CountDownLatch enough = new CountDownLatch(ACCEPTED_BEFORE_SHUTDOWN);
        List<Thread> threads = new ArrayList<>();
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            server.configureBlocking(false);
            accepted.add(elt.submit(workload((SelectorEventLoop) loop, server, channels)));

            for (int t = 0; t < SUBMITTERS; t++) {
                long seed = SEED + t;
                threads.add(Thread.ofPlatform().name("submitter-" + t).start(() -> {
                    Random random = new Random(seed);
                    try {
                        for (int i = 0; ; i++) {
                            int n = i;
                            switch (random.nextInt(3)) {
                                case 0 -> {
                                    CompletableFuture<Integer> cf = elt.submit(Coroutine.of(a -> {
                                        a.await(AsyncIO.sleep(random.nextInt(3) / 1000.0));
                                        return n;
                                    }));
                                    accepted.add(cf);
                                    if (random.nextInt(5) == 0) {
                                        cf.cancel(true);
                                    }
                                }
                                case 1 -> {
                                    loop.callSoonThreadsafe(callbacksRan::incrementAndGet);
                                    callbacksAccepted.incrementAndGet();
                                }
                                default -> accepted.add(ReactorBridge.mono(loop, () -> Coroutine.of(a -> {
                                    a.await(AsyncIO.sleep(0));
                                    return n;
                                })).toFuture());
                            }
                            enough.countDown();
                        }
                    } catch (IllegalStateException closed) {
                        // refused at once after close: the end of this submitter
                    }
                }));
            }
            // A Flux of a generator, consumed on another thread while everything else runs.
            threads.add(Thread.ofPlatform().name("flux").start(() -> {
                long sum = ReactorBridge.flux(() -> Generator.<Integer, Object>ofVoid(g -> {
                    for (int i = 0; i < 10_000; i++) {
                        g.yield(i);
                    }
                })).take(5_000).reduce(0L, (acc, v) -> acc + v).block();
                assertThat(sum).isEqualTo(4_999L * 5_000 / 2);
            }));

            enough.await();
            elt.close(); // in the middle of it all
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as("%s ended", t.getName()).isFalse();
            }
        } finally {
            server.close();
        }

        try {
            CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | CancellationException | TimeoutException e) {
            // classified below
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (CompletableFuture<?> cf : accepted) {
            outcomes.merge(outcome(cf), 1, Integer::sum);
        }
        System.out.println("soak on " + Engine.current() + ": " + accepted.size() + " submissions " + outcomes
                + ", callbacks " + callbacksRan.get() + "/" + callbacksAccepted.get());
        assertThat(outcomes.keySet()).allMatch(k -> k.equals("result") || k.equals("cancelled")
                || k.equals("loop closed"));
        assertThat(callbacksRan.get()).isEqualTo(callbacksAccepted.get());
        assertThat(loop.isClosed()).isTrue();
        assertThat(channels).allMatch(ch -> !ch.isOpen() && !ch.isRegistered());
        assertThat(Engine.liveFibers()).isEqualTo(fibers);
        assertThat(openFds()).isLessThanOrEqualTo(fds + 3);
    }
}
