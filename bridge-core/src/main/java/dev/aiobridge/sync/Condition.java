package dev.aiobridge.sync;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.internal.engine.Rethrow;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * asyncio's {@code Condition} (CPython 3.13): tasks wait, holding its {@link Lock}, until notified.
 * {@link #await(Awaiter)} ({@code wait}) releases the lock while waiting and takes it back before returning, even when
 * cancelled. A waiter that fails after being notified passes the notification on.
 */
public final class Condition extends ContextManagerMixin {
    private final Lock lock;
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

    /** A condition with its own lock. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}. */
    public Condition(Lock lock) {
        this.lock = lock;
    }

    /** True if the underlying lock is held. */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /** {@code await cond.acquire()}: acquires the underlying lock. */
    public Coroutine<Boolean> acquire() {
        return lock.acquire();
    }

    /** Acquires the underlying lock inside the running coroutine. */
    @Override
    public boolean acquire(Awaiter a) {
        return lock.acquire(a);
    }

    /** Releases the underlying lock. */
    @Override
    public void release() {
        lock.release();
    }



    /** {@code await cond.wait()}: see {@link #await(Awaiter)}. */
    public Coroutine<Boolean> await() {
        return Coroutine.of("Condition.wait", this::await);
    }

    /**
     * {@code await cond.wait()} inside the running coroutine: releases the lock, waits to be notified,
     * re-acquires the lock and returns true. It returns or raises only once this task holds the lock
     * again, always: when woken while the notifier still holds it, when cancelled while waiting, and when
     * cancelled while re-acquiring (the re-acquire is retried, and that CancelledError raised after it).
     * Raises "cannot wait on un-acquired lock" if the lock is not held.
     */
    public boolean await(Awaiter a) {
        if (!isLocked()) {
            throw new RuntimeError("cannot wait on un-acquired lock");
        }
        release();
        try {
            try {
                Future<Boolean> fut = loop().createFuture();
                waiters.add(fut);
                try {
                    a.await(fut);
                    return true;
                } finally {
                    waiters.remove(fut);
                }
            } finally {
                // CPython locks.py: must re-acquire the lock even if the wait is cancelled.
                reacquire(a);
            }
        } catch (Throwable t) {
            // The failure may have come after this task was notified: pass the notification on (a
            // spurious wakeup, which the condition variable protocol allows).
            notifyWaiters(1);
            throw Rethrow.unchecked(t);
        }
    }

    /** Acquires the lock, retrying when cancelled; the last CancelledError is raised once it is held. */
    private void reacquire(Awaiter a) {
        CancelledError error = null;
        while (true) {
            try {
                acquire(a);
                break;
            } catch (CancelledError e) {
                error = e;
            }
        }
        if (error != null) {
            throw error;
        }
    }

    /** {@code await cond.wait_for(predicate)}: see {@link #waitFor(Awaiter, BooleanSupplier)}. */
    public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
        return Coroutine.of("Condition.wait_for", a -> waitFor(a, predicate));
    }

    /**
     * {@code await cond.wait_for(predicate)} inside the running coroutine: waits (as {@link #await(Awaiter)})
     * until {@code predicate} is true; returns its last value. The lock must be held.
     */
    public boolean waitFor(Awaiter a, BooleanSupplier predicate) {
        boolean result = predicate.getAsBoolean();
        while (!result) {
            await(a);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * {@code cond.notify(n)}: wakes up to {@code n} waiters; the lock must be held ("cannot notify on
     * un-acquired lock"). ({@code notify} is taken by {@link Object#notify()}; like
     * {@link java.util.concurrent.locks.Condition}, this is {@code signal}.)
     */
    public void signal(int n) {
        if (!isLocked()) {
            throw new RuntimeError("cannot notify on un-acquired lock");
        }
        notifyWaiters(n);
    }

    /** {@code cond.notify()}: wakes one waiter; the lock must be held. */
    public void signal() {
        signal(1);
    }

    /** {@code cond.notify_all()}: wakes every waiter; the lock must be held. */
    public void signalAll() {
        signal(waiters.size());
    }

    private void notifyWaiters(int n) {
        int woken = 0;
        for (Future<Boolean> f : waiters) {
            if (woken >= n) {
                break;
            }
            if (!f.isDone()) {
                woken++;
                f.setResult(false);
            }
        }
    }

    @Override
    public String toString() {
        return "<Condition [" + (isLocked() ? "locked" : "unlocked")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
