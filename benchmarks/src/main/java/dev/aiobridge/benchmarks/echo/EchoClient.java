package dev.aiobridge.benchmarks.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * P7's load generator, the same for every echo server (MagicStack's vmbench method): {@code conns}
 * connections each in ping-pong (send one message, wait until all of it came back, send the next), a
 * warm-up, then a timed window in which every completed round trip counts. Plain TCP runs on one
 * thread with a {@link Selector}; TLS on one platform thread per connection with blocking
 * {@link SSLSocket}s (the same TLS client for ours and Netty).
 *
 * <p>Usage: {@code EchoClient <port> <sizes, e.g. 1024,10240> <conns> <warm-up s> <measure s> [--tls]
 * [--server-pid <pid> [--clk-tck <ticks per s>]]}; prints, per size, {@code <size> rps <requests/s>},
 * {@code <size> p50_us <µs>}, {@code <size> p99_us <µs>}, {@code <size> requests <count>}, and with
 * {@code --server-pid} {@code <size> server_cpu_us <µs>}: the server process's CPU time (user + system,
 * from {@code /proc/<pid>/stat}) in the window per round trip, a figure that depends much less than
 * requests/s on what else the machine runs. Connects to 127.0.0.1 only.
 */
public final class EchoClient {
    private EchoClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: EchoClient <port> <sizes> <conns> <warm-up s> <measure s> [--tls]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int conns = Integer.parseInt(args[2]);
        double warmup = Double.parseDouble(args[3]);
        double measure = Double.parseDouble(args[4]);
        boolean tls = false;
        long serverPid = -1;
        int clkTck = 100;
        for (int i = 5; i < args.length; i++) {
            switch (args[i]) {
                case "--tls" -> tls = true;
                case "--server-pid" -> serverPid = Long.parseLong(args[++i]);
                case "--clk-tck" -> clkTck = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        for (String s : args[1].split(",")) {
            int size = Integer.parseInt(s.trim());
            Window window = new Window(warmup, measure, serverPid);
            Histogram h = tls ? runTls(server, size, conns, window) : runPlain(server, size, conns, window);
            double rps = h.count() / measure;
            System.out.printf("%d rps %.1f%n", size, rps);
            System.out.printf("%d p50_us %d%n", size, h.percentile(0.50));
            System.out.printf("%d p99_us %d%n", size, h.percentile(0.99));
            System.out.printf("%d requests %d%n", size, h.count());
            if (window.cpuTicksAtStart >= 0 && window.cpuTicksAtEnd >= 0 && h.count() > 0) {
                double us = (window.cpuTicksAtEnd - window.cpuTicksAtStart) * 1e6 / clkTck / h.count();
                System.out.printf("%d server_cpu_us %.2f%n", size, us);
            }
            System.out.flush();
        }
    }

    /**
     * The CPU time (user + system) of process {@code pid} so far, in clock ticks, from
     * {@code /proc/<pid>/stat}; -1 without a pid or a readable file.
     */
    static long cpuTicks(long pid) {
        if (pid < 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // After the command name (in parentheses, may hold spaces): state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The warm-up end and the window end, in {@link System#nanoTime()}, from when the load starts. */
    static final class Window {
        final long warmupNanos;
        final long measureNanos;
        final long serverPid;
        long start;
        long from;
        long to;
        long cpuTicksAtStart = -1;
        long cpuTicksAtEnd = -1;

        Window(double warmupSeconds, double measureSeconds, long serverPid) {
            this.warmupNanos = (long) (warmupSeconds * 1e9);
            this.measureNanos = (long) (measureSeconds * 1e9);
            this.serverPid = serverPid;
        }

        void start() {
            start = System.nanoTime();
            from = start + warmupNanos;
            to = from + measureNanos;
        }
    }

    /** Round-trip times in whole microseconds up to 1 s (longer ones count as 1 s). */
    static final class Histogram {
        private static final int MAX_US = 1_000_000;
        private final long[] counts = new long[MAX_US + 1];
        private long count;

        void record(long nanos) {
            counts[(int) Math.min(MAX_US, nanos / 1000)]++;
            count++;
        }

        void add(Histogram other) {
            for (int i = 0; i <= MAX_US; i++) {
                counts[i] += other.counts[i];
            }
            count += other.count;
        }

        long count() {
            return count;
        }

        long percentile(double p) {
            long rank = (long) Math.ceil(p * count);
            long seen = 0;
            for (int i = 0; i <= MAX_US; i++) {
                seen += counts[i];
                if (seen >= rank && seen > 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    static byte[] message(int size) {
        byte[] m = new byte[size];
        for (int i = 0; i < size; i++) {
            m[i] = (byte) ('a' + i % 26);
        }
        return m;
    }

    /** One connection's state in the selector client. */
    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer in;
        final byte[] expected;
        long sentAt;
        boolean checked;

        Conn(SocketChannel channel, byte[] message) {
            this.channel = channel;
            this.out = ByteBuffer.allocateDirect(message.length).put(message).flip();
            this.in = ByteBuffer.allocateDirect(message.length);
            this.expected = message;
        }
    }

    static Histogram runPlain(InetSocketAddress server, int size, int conns, Window window) throws IOException {
        byte[] message = message(size);
        Histogram h = new Histogram();
        List<Conn> all = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < conns; i++) {
                SocketChannel ch = SocketChannel.open(server);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                Conn c = new Conn(ch, message);
                all.add(c);
                ch.register(selector, SelectionKey.OP_READ, c);
            }
            window.start();
            for (Conn c : all) {
                send(c, selector);
            }
            boolean measuring = false;
            while (true) {
                long now = System.nanoTime();
                if (now >= window.to) {
                    window.cpuTicksAtEnd = cpuTicks(window.serverPid);
                    break;
                }
                if (!measuring && now >= window.from) {
                    window.cpuTicksAtStart = cpuTicks(window.serverPid);
                    measuring = true;
                }
                long until = measuring ? window.to : window.from;
                selector.select(Math.max(1, (until - now) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn c = (Conn) key.attachment();
                    if (key.isWritable()) {
                        c.channel.write(c.out);
                        if (!c.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    }
                    if (key.isReadable()) {
                        if (c.channel.read(c.in) < 0) {
                            throw new IOException("the server closed a connection");
                        }
                        if (!c.in.hasRemaining()) {
                            long done = System.nanoTime();
                            if (!c.checked) {
                                check(c.in, c.expected);
                                c.checked = true;
                            }
                            if (done >= window.from && done < window.to) {
                                h.record(done - c.sentAt);
                            }
                            c.in.clear();
                            send(c, selector);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } finally {
            for (Conn c : all) {
                c.channel.close();
            }
        }
        return h;
    }

    private static void send(Conn c, Selector selector) throws IOException {
        c.out.rewind();
        c.sentAt = System.nanoTime();
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            c.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private static void check(ByteBuffer got, byte[] expected) throws IOException {
        for (int i = 0; i < expected.length; i++) {
            if (got.get(i) != expected[i]) {
                throw new IOException("the echo differs from the message at byte " + i);
            }
        }
    }

    static Histogram runTls(InetSocketAddress server, int size, int conns, Window window) throws Exception {
        SSLContext ctx = Tls.clientContext();
        byte[] message = message(size);
        List<SSLSocket> sockets = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        try {
            for (int i = 0; i < conns; i++) {
                Socket plain = new Socket();
                plain.setTcpNoDelay(true);
                plain.connect(server);
                plain.setSoTimeout(30_000);
                SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost", server.getPort(), true);
                s.setUseClientMode(true);
                s.startHandshake();
                sockets.add(s);
            }
            window.start();
            for (SSLSocket s : sockets) {
                Histogram h = new Histogram();
                histograms.add(h);
                Thread t = Thread.ofPlatform().name("echo-client").start(() -> {
                    try {
                        pingPong(s, message, h, window);
                    } catch (Throwable e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    }
                });
                threads.add(t);
            }
            sleepUntil(window.from);
            window.cpuTicksAtStart = cpuTicks(window.serverPid);
            sleepUntil(window.to);
            window.cpuTicksAtEnd = cpuTicks(window.serverPid);
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            for (SSLSocket s : sockets) {
                s.close();
            }
        }
        if (failure[0] != null) {
            throw new IOException("a TLS connection failed: " + failure[0], failure[0]);
        }
        Histogram all = new Histogram();
        for (Histogram h : histograms) {
            all.add(h);
        }
        return all;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private static void pingPong(SSLSocket s, byte[] message, Histogram h, Window window) throws IOException {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        byte[] got = new byte[message.length];
        boolean checked = false;
        while (true) {
            long sent = System.nanoTime();
            if (sent >= window.to) {
                return;
            }
            out.write(message);
            out.flush();
            if (in.readNBytes(got, 0, got.length) != got.length) {
                throw new IOException("the server closed a connection");
            }
            long done = System.nanoTime();
            if (!checked) {
                check(ByteBuffer.wrap(got), message);
                checked = true;
            }
            if (done >= window.from && done < window.to) {
                h.record(done - sent);
            }
        }
    }
}
