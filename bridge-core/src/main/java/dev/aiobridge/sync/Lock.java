package dev.aiobridge.sync;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayDeque;

/**
 * asyncio's {@code Lock} (CPython 3.13's {@code locks.py}): a mutual exclusion lock for tasks, FIFO-fair.
 * A task that {@link #release() releases} hands the lock to the first waiter: a newcomer does not barge
 * in even while {@link #isLocked()} is momentarily false; cancelled waiters are skipped.
 *
 * <pre>{@code
 * lock.with(a, () -> counter++);          // async with lock: counter += 1
 * }</pre>
 */
public final class Lock extends ContextManagerMixin {
    private ArrayDeque<Future<Boolean>> waiters;
    private boolean locked;

    /** A new, unlocked lock. */
    public Lock() {
    }

    /** True if the lock is held. */
    public boolean isLocked() {
        return locked;
    }

    /** {@code await lock.acquire()}: waits until the lock is free and this task's turn, then holds it. */
    public Coroutine<Boolean> acquire() {
        return Coroutine.of("Lock.acquire", this::acquire);
    }

    /** Acquires inside the running coroutine (what {@link #acquire()} does when awaited). */
    @Override
    public boolean acquire(Awaiter a) {
        if (!locked && (waiters == null || allCancelled())) {
            locked = true;
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
            // Keep the invariant: if the lock is free and someone waits, the first waiter will run.
            if (!locked) {
                wakeUpFirst();
            }
            throw e;
        }
        locked = true;
        return true;
    }

    /** Releases the lock and wakes the first waiter; raises "Lock is not acquired." if it is free. */
    @Override
    public void release() {
        if (!locked) {
            throw new RuntimeError("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }



    private boolean allCancelled() {
        for (Future<Boolean> w : waiters) {
            if (!w.isCancelled()) {
                return false;
            }
        }
        return true;
    }

    private void wakeUpFirst() {
        if (waiters == null || waiters.isEmpty()) {
            return;
        }
        Future<Boolean> first = waiters.peekFirst();
        if (!first.isDone()) { // done means it is already set to wake up
            first.setResult(true);
        }
    }

    @Override
    public String toString() {
        return "<Lock [" + (locked ? "locked" : "unlocked")
                + (waiters != null && !waiters.isEmpty() ? ", waiters:" + waiters.size() : "") + "]>";
    }
}
