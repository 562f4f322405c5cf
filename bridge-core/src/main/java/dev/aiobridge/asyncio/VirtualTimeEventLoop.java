package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.ValueError;

/**
 * An event loop on a virtual clock, for tests: when nothing is ready, time jumps to the next timer
 * instead of passing, so {@code sleep(3600)}, timeouts and retries run at once and always in the same
 * order. Everything else is the ordinary loop: callbacks, tasks, futures, {@code callSoonThreadsafe}
 * (the loop really waits for another thread when no timer is pending). It has no I/O: its seam to
 * the outside world is a clock, not a selector.
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
    private final Clock clock = new Clock();

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
    IoHandler io() {
        return clock;
    }

    /** The seam: instead of waiting for I/O, the clock jumps to the next timer. */
    private final class Clock implements IoHandler {
        @Override
        public void select(long timeoutNanos) {
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
        public void wakeup() {
            synchronized (wakeLock) {
                woken = true;
                wakeLock.notifyAll();
            }
        }

        @Override
        public void close() {
        }
    }
}
