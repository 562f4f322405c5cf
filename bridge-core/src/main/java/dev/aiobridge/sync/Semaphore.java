package dev.aiobridge.sync;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayDeque;

/**
 * asyncio's {@code Semaphore} (CPython 3.13): a counter of permits; {@link #acquire} waits while none is
 * free, in FIFO order (a newcomer waits behind earlier waiters even when a permit is free).
 */
public class Semaphore extends ContextManagerMixin {
    private ArrayDeque<Future<Boolean>> waiters;
    int value;

    /** A semaphore with {@code value} permits (>= 0). */
    public Semaphore(int value) {
        if (value < 0) {
            throw new ValueError("Semaphore initial value must be >= 0");
        }
        this.value = value;
    }

    /** A semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /** True if {@link #acquire} would wait: no permit, or earlier waiters to serve first. */
    public boolean isLocked() {
        if (value == 0) {
            return true;
        }
        if (waiters != null) {
            for (Future<Boolean> w : waiters) {
                if (!w.isCancelled()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code await sem.acquire()}. */
    public Coroutine<Boolean> acquire() {
        return Coroutine.of("Semaphore.acquire", this::acquire);
    }

    /** Acquires a permit inside the running coroutine, waiting for one if needed. */
    @Override
    public boolean acquire(Awaiter a) {
        if (!isLocked()) {
            value--;
            return true;
        }
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        Future<Boolean> fut = loop().createFuture();
        waiters.add(fut);
        try {
            try {
                a.await(fut);
            } finally {
                waiters.remove(fut);
            }
        } catch (CancelledError e) {
            // We were handed a permit but will not use it: give it back.
            if (fut.isDone() && !fut.isCancelled()) {
                value++;
            }
            throw e;
        } finally {
            // New waiters may have queued behind us (FIFO): wake as many as permits allow.
            while (value > 0) {
                if (!wakeUpNext()) {
                    break;
                }
            }
        }
        return true;
    }

    /** Returns a permit and wakes the first waiter. */
    @Override
    public void release() {
        value++;
        wakeUpNext();
    }



    private boolean wakeUpNext() {
        if (waiters == null) {
            return false;
        }
        for (Future<Boolean> f : waiters) {
            if (!f.isDone()) {
                value--;
                f.setResult(true);
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " [" + (isLocked() ? "locked" : "unlocked, value:" + value)
                + (waiters != null && !waiters.isEmpty() ? ", waiters:" + waiters.size() : "") + "]>";
    }
}
