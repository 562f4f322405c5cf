package dev.aiobridge.sync;

import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayDeque;

/**
 * asyncio's {@code Event}: a flag tasks can wait for. {@link #set()} wakes every waiter, in the order
 * they began waiting; waiting on a set event returns at once.
 */
public final class Event extends LoopBound {
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean value;

    /** A new event, not set. */
    public Event() {
    }

    /** True if the event is set. */
    public boolean isSet() {
        return value;
    }

    /** Sets the event, waking every waiter. */
    public void set() {
        if (!value) {
            value = true;
            for (Future<Boolean> f : waiters) {
                if (!f.isDone()) {
                    f.setResult(true);
                }
            }
        }
    }

    /** Clears the event: later waits block until the next {@link #set()}. */
    public void clear() {
        value = false;
    }

    /**
     * {@code await event.wait()}: true once the event is set. ({@code wait} is taken by
     * {@link Object#wait()}; like {@link java.util.concurrent.locks.Condition}, this is {@code await}.)
     */
    public Coroutine<Boolean> await() {
        return Coroutine.of("Event.wait", this::await);
    }

    /** Waits inside the running coroutine (what {@link #await()} does when awaited). */
    public boolean await(Awaiter a) {
        if (value) {
            return true;
        }
        Future<Boolean> fut = loop().createFuture();
        waiters.add(fut);
        try {
            a.await(fut);
            return true;
        } finally {
            waiters.remove(fut);
        }
    }

    @Override
    public String toString() {
        return "<Event [" + (value ? "set" : "unset")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
