package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.Coroutine;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * An event loop on a virtual clock, for tests: when nothing is ready, time jumps to the next timer
 * instead of passing, so {@code sleep(3600)}, timeouts and retries run at once and always in the same
 * order. Everything else is the ordinary loop: callbacks, tasks, futures, {@code callSoonThreadsafe}
 * (the loop really waits for another thread when no timer is pending). It has no I/O.
 *
 * <pre>{@code
 * try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {   // asyncio.run(main(), loop_factory=...)
 *     runner.run(main());
 * }
 * }</pre>
 */
public final class VirtualTimeEventLoop extends BaseEventLoop {
    private long now;
    private final Object wakeLock = new Object();
    private boolean woken;

    /** A loop whose clock starts at zero. */
    public VirtualTimeEventLoop() {
    }

    @Override
    long nanoTime() {
        return now;
    }

    /** Moves the clock forward by {@code delay} (timers due by then run on the next iteration). */
    public void advance(java.time.Duration delay) {
        advance(Timeouts.seconds(delay));
    }

    /** Moves the clock forward by {@code seconds} (timers due by then run on the next iteration). */
    public void advance(double seconds) {
        if (seconds < 0) {
            throw new ValueError("time only moves forward");
        }
        now += (long) Math.ceil(seconds * 1e9);
    }

    @Override
    void select(long timeoutNanos) {
        if (timeoutNanos == 0) {
            return;
        }
        if (timeoutNanos > 0) {
            now += timeoutNanos; // nothing to do until the next timer: jump there
            return;
        }
        // No timer and nothing ready: only another thread can bring work.
        synchronized (wakeLock) {
            while (!woken) {
                try {
                    wakeLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            woken = false;
        }
    }

    @Override
    void wakeup() {
        synchronized (wakeLock) {
            woken = true;
            wakeLock.notifyAll();
        }
    }

    @Override
    void closeIo() {
    }

    private static UnsupportedOperationException noIo() {
        return new UnsupportedOperationException("VirtualTimeEventLoop has no I/O: use a SelectorEventLoop");
    }

    @Override
    public void addReader(SelectableChannel channel, Runnable callback) {
        throw noIo();
    }

    @Override
    public boolean removeReader(SelectableChannel channel) {
        return false;
    }

    @Override
    public void addWriter(SelectableChannel channel, Runnable callback) {
        throw noIo();
    }

    @Override
    public boolean removeWriter(SelectableChannel channel) {
        return false;
    }

    @Override
    public Coroutine<Integer> sockRecvInto(SocketChannel channel, ByteBuffer buffer) {
        throw noIo();
    }

    @Override
    public Coroutine<byte[]> sockRecv(SocketChannel channel, int maxBytes) {
        throw noIo();
    }

    @Override
    public Coroutine<Void> sockSendAll(SocketChannel channel, ByteBuffer data) {
        throw noIo();
    }

    @Override
    public Coroutine<Void> sockConnect(SocketChannel channel, SocketAddress address) {
        throw noIo();
    }

    @Override
    public Coroutine<SocketChannel> sockAccept(ServerSocketChannel channel) {
        throw noIo();
    }
}
