package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Coroutine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * The event loop with I/O (CPython's {@code selector_events.BaseSelectorEventLoop}): the scheduling of
 * every {@link EventLoop}, plus readers and writers registered per channel and the socket coroutines
 * built on them. The {@link java.nio.channels.Selector} sits behind a narrow seam (Netty's
 * {@code IoHandler}): the loop waits in it only as long as the nearest timer allows, does not poll it
 * when no channel is registered, and replaces it, registrations included, if it fails.
 *
 * <p>Python's readable/writable map to Java's ready operations: a reader of a server channel waits for
 * {@code OP_ACCEPT}, of a socket for {@code OP_READ}; a writer of a socket that is connecting waits for
 * {@code OP_CONNECT}, else {@code OP_WRITE}.
 */
public final class SelectorEventLoop extends BaseEventLoop {
    /** The most one {@link #sockRecv} returns (CPython's streams read 64 KiB at a time too). */
    static final int MAX_RECV = 64 * 1024;

    private final NioIoHandler io;
    /**
     * How many readers and writers are registered: with none, and no key left to deregister (a closed
     * channel's socket is released only by the next select), a non-blocking poll is skipped.
     */
    private int watching;
    /** What sockRecv reads into, loop thread only; copied out at once, so one per loop is enough. */
    private ByteBuffer recvBuffer;

    /** What one channel's key carries: its reader and writer callbacks. */
    private static final class Registration {
        Handle reader;
        Handle writer;
    }

    /** A new loop with its own selector ({@link AsyncIO#newEventLoop()} makes one). */
    public SelectorEventLoop() {
        this(Selector::open);
    }

    /** A loop over selectors made by {@code opener} (tests inject a failing one). */
    SelectorEventLoop(NioIoHandler.Opener opener) {
        this.io = new NioIoHandler(opener, this::selected, this::hasKeys, this::callExceptionHandler);
    }

    /**
     * The running loop, which must be a selector loop: raises "no running event loop", or a
     * {@link RuntimeError} naming the loop if it has no I/O (a {@link VirtualTimeEventLoop}).
     */
    public static SelectorEventLoop running() {
        EventLoop loop = Running.loop();
        if (loop instanceof SelectorEventLoop selectorLoop) {
            return selectorLoop;
        }
        throw new RuntimeError(loop + " has no I/O: run on a SelectorEventLoop");
    }

    @Override
    IoHandler io() {
        return io;
    }

    /** Whether a non-blocking poll has anything to do: a registration, or a key left to deregister. */
    private boolean hasKeys() {
        return watching > 0 || !io.keys().isEmpty();
    }

    /** A key the selector selected: its reader and writer callbacks join the ready queue. */
    private void selected(SelectionKey key) {
        if (!(key.attachment() instanceof Registration reg)) {
            return;
        }
        if (!key.isValid()) {
            forget(reg); // the channel was closed under its callbacks
            return;
        }
        int ready;
        try {
            ready = key.readyOps();
        } catch (CancelledKeyException e) {
            return;
        }
        if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && reg.reader != null) {
            if (reg.reader.cancelled) {
                removeReader(key.channel());
            } else {
                addReady(reg.reader);
            }
        }
        if ((ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && reg.writer != null) {
            if (reg.writer.cancelled) {
                removeWriter(key.channel());
            } else {
                addReady(reg.writer);
            }
        }
    }

    private void forget(Registration reg) {
        if (reg.reader != null) {
            reg.reader.cancel();
            reg.reader = null;
            watching--;
        }
        if (reg.writer != null) {
            reg.writer.cancel();
            reg.writer = null;
            watching--;
        }
    }

    /** How many channels the selector holds keys of, idle and closing ones included (for tests). */
    int selectorKeys() {
        return io.keys().size();
    }

    /** How many channels have a reader or a writer (for tests: nothing leaks). */
    int registeredChannels() {
        int n = 0;
        for (SelectionKey key : io.keys()) {
            if (key.isValid() && key.attachment() instanceof Registration reg
                    && (reg.reader != null || reg.writer != null)) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------------
    // Readers and writers

    /** {@code loop.add_reader}: calls {@code callback} whenever {@code channel} is readable (or acceptable), until removed. */
    public void addReader(SelectableChannel channel, Runnable callback) {
        register(channel, new Handle(callback, Context.copyCurrent()), true);
    }

    /** {@code loop.remove_reader}: stops watching {@code channel} for reading; true if it was watched. */
    public boolean removeReader(SelectableChannel channel) {
        return unregister(channel, true);
    }

    /** {@code loop.add_writer}: calls {@code callback} whenever {@code channel} is writable, until removed. */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        register(channel, new Handle(callback, Context.copyCurrent()), false);
    }

    /** {@code loop.remove_writer}: stops watching {@code channel} for writing; true if it was watched. */
    public boolean removeWriter(SelectableChannel channel) {
        return unregister(channel, false);
    }

    private void register(SelectableChannel channel, Handle handle, boolean reader) {
        checkClosed();
        checkThread();
        requireNonBlocking(channel);
        SelectionKey key = io.keyFor(channel);
        Registration reg;
        if (key == null || !key.isValid()) {
            reg = new Registration();
            try {
                key = io.register(channel, reg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            reg = (Registration) key.attachment();
        }
        if (reader) {
            if (reg.reader != null) {
                reg.reader.cancel();
            } else {
                watching++;
            }
            reg.reader = handle;
        } else {
            if (reg.writer != null) {
                reg.writer.cancel();
            } else {
                watching++;
            }
            reg.writer = handle;
        }
        updateInterest(key, reg);
    }

    private boolean unregister(SelectableChannel channel, boolean reader) {
        if (isClosed()) {
            return false;
        }
        SelectionKey key = io.keyFor(channel);
        if (key == null) {
            return false;
        }
        Registration reg = (Registration) key.attachment();
        Handle h = reader ? reg.reader : reg.writer;
        if (h == null) {
            return false;
        }
        h.cancel();
        watching--;
        if (reader) {
            reg.reader = null;
        } else {
            reg.writer = null;
        }
        // The key stays registered with no interest (cancelling it would make the channel unusable with
        // this selector until the next select flushes it); closing the channel or the loop releases it.
        if (key.isValid()) {
            updateInterest(key, reg);
        }
        return true;
    }

    private static void updateInterest(SelectionKey key, Registration reg) {
        SelectableChannel ch = key.channel();
        int ops = 0;
        if (reg.reader != null) {
            ops |= ch instanceof ServerSocketChannel ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
        }
        if (reg.writer != null) {
            ops |= ch instanceof SocketChannel sc && sc.isConnectionPending()
                    ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        }
        try {
            key.interestOps(ops);
        } catch (CancelledKeyException e) {
            // the channel was closed: nothing to watch
        }
    }

    /**
     * Closes {@code channel}, first deregistering it from this loop's selector so the socket is released
     * at once, as {@code socket.close()} does in CPython. (The JDK defers closing a registered channel to
     * the next select and half-closes it meanwhile: a peer would see an orderly end of stream where it
     * must see a reset, e.g. when unread data is discarded.)
     */
    public void closeChannel(SelectableChannel channel) throws IOException {
        SelectionKey key = isClosed() ? null : io.keyFor(channel);
        if (key != null) {
            if (key.attachment() instanceof Registration reg) {
                forget(reg);
            }
            key.cancel();
            io.deregisterCancelled(); // readiness it reports is re-checked by the next select
        }
        channel.close();
    }

    private static void requireNonBlocking(SelectableChannel channel) {
        if (channel == null) {
            throw new NullPointerException("the socket must not be null");
        }
        if (channel.isBlocking()) {
            throw new ValueError("the socket must be non-blocking");
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Socket coroutines: try at once; if the channel is not ready, wait on a future its callback completes

    /** One try of a socket operation: its result, or null when the channel is not ready yet. */
    @FunctionalInterface
    private interface Attempt<T> {
        T tryOnce() throws IOException;
    }

    /**
     * CPython's pattern for every {@code sock_*} coroutine: try at once; if the channel is not ready, wait on
     * a future that a reader (or writer) callback completes when a try succeeds, and unregister the
     * callback when the future is done (also when the awaiting task is cancelled).
     */
    private <T> T untilReady(dev.aiobridge.coroutine.Awaiter a, SelectableChannel channel, boolean reading,
                             Attempt<T> attempt) throws IOException {
        T result = attempt.tryOnce();
        if (result != null) {
            return result;
        }
        Future<T> done = createFuture();
        Runnable onReady = () -> {
            if (done.isDone()) {
                return;
            }
            try {
                T r = attempt.tryOnce();
                if (r != null) {
                    done.setResult(r);
                }
            } catch (IOException e) {
                done.setException(e);
            }
        };
        if (reading) {
            addReader(channel, onReady);
            done.addDoneCallback(f -> removeReader(channel));
        } else {
            addWriter(channel, onReady);
            done.addDoneCallback(f -> removeWriter(channel));
        }
        return a.await(done);
    }

    /** {@code loop.sock_recv_into}: reads into {@code buffer}: the number of bytes read, 0 if it has no room, -1 at end of stream. */
    public Coroutine<Integer> sockRecvInto(SocketChannel channel, ByteBuffer buffer) {
        requireNonBlocking(channel);
        java.util.Objects.requireNonNull(buffer, "the buffer must not be null");
        return Coroutine.of("sock_recv_into", a -> untilReady(a, channel, true, () -> {
            int n = channel.read(buffer);
            return n != 0 || !buffer.hasRemaining() ? n : null;
        }));
    }

    /** {@code loop.sock_recv}: reads up to {@code maxBytes}: what arrived first (empty at end of stream). */
    public Coroutine<byte[]> sockRecv(SocketChannel channel, int maxBytes) {
        requireNonBlocking(channel);
        if (maxBytes < 0) {
            throw new ValueError("negative buffersize in recv");
        }
        // Read into the loop's buffer only once the socket is readable, at most MAX_RECV bytes (recv(n)
        // may return fewer than n): a waiting receive holds no buffer, a huge n allocates nothing.
        return Coroutine.of("sock_recv", a -> untilReady(a, channel, true, () -> {
            ByteBuffer buffer = recvBuffer();
            buffer.clear().limit(Math.min(maxBytes, MAX_RECV));
            int n = channel.read(buffer);
            if (n == 0 && maxBytes > 0) {
                return null;
            }
            return n <= 0 ? new byte[0] : Arrays.copyOf(buffer.array(), n);
        }));
    }

    private ByteBuffer recvBuffer() {
        ByteBuffer b = recvBuffer;
        if (b == null) {
            b = recvBuffer = ByteBuffer.allocate(MAX_RECV);
        }
        return b;
    }

    /** {@code loop.sock_sendall}: writes all of {@code data}, waiting for the socket to accept it. */
    public Coroutine<Void> sockSendAll(SocketChannel channel, ByteBuffer data) {
        requireNonBlocking(channel);
        java.util.Objects.requireNonNull(data, "the data must not be null");
        return Coroutine.of("sock_sendall", a -> {
            untilReady(a, channel, false, () -> {
                channel.write(data);
                return data.hasRemaining() ? null : Boolean.TRUE;
            });
            return null;
        });
    }

    /** {@code loop.sock_connect}: connects {@code channel} to {@code address}. */
    public Coroutine<Void> sockConnect(SocketChannel channel, SocketAddress address) {
        requireNonBlocking(channel);
        java.util.Objects.requireNonNull(address, "the address must not be null");
        return Coroutine.of("sock_connect", a -> {
            boolean[] started = {false};
            untilReady(a, channel, false, () -> {
                if (!started[0]) {
                    started[0] = true;
                    return channel.connect(address) ? Boolean.TRUE : null;
                }
                return channel.finishConnect() ? Boolean.TRUE : null;
            });
            return null;
        });
    }

    /** {@code loop.sock_accept}: accepts a connection; the new channel is non-blocking. */
    public Coroutine<SocketChannel> sockAccept(ServerSocketChannel channel) {
        requireNonBlocking(channel);
        return Coroutine.of("sock_accept", a -> untilReady(a, channel, true, () -> {
            SocketChannel accepted = channel.accept();
            if (accepted != null) {
                accepted.configureBlocking(false);
            }
            return accepted;
        }));
    }
}
