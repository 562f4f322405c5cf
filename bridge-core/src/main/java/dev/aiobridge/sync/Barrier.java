package dev.aiobridge.sync;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.AsyncContextManager;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.internal.engine.Rethrow;

/**
 * asyncio's {@code Barrier} (3.11+): {@code parties} tasks wait until all have arrived, then all go on;
 * each gets its arrival index. The barrier then drains and can be used again; {@link #reset} and
 * {@link #abort} break it for the tasks waiting ({@link BrokenBarrierError}). {@code async with barrier:}
 * is {@link #with}: it waits at the barrier, then runs the block ({@code async with barrier as i} is
 * {@code int i = barrier.await(a)}, as leaving the block does nothing).
 */
public final class Barrier extends LoopBound implements AsyncContextManager {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    private int count;

    /** A barrier for {@code parties} tasks (> 0). */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new ValueError("parties must be > 0");
        }
        this.parties = parties;
    }

    /** {@code await barrier.wait()}: see {@link #await(Awaiter)}. */
    public Coroutine<Integer> await() {
        return Coroutine.of("Barrier.wait", this::await);
    }

    /** Waits until {@code parties} tasks are waiting; returns this task's arrival index (0 first). */
    public int await(Awaiter a) {
        return cond.with(a, () -> {
            block(a);
            try {
                int index = count;
                count++;
                if (index + 1 == parties) {
                    state = State.DRAINING; // release the others
                    cond.signalAll();
                } else {
                    cond.waitFor(a, () -> state != State.FILLING);
                    if (state == State.BROKEN || state == State.RESETTING) {
                        throw new BrokenBarrierError("Abort or reset of barrier");
                    }
                }
                return index;
            } finally {
                count--;
                exit();
            }
        });
    }

    private void block(Awaiter a) {
        cond.waitFor(a, () -> state != State.DRAINING && state != State.RESETTING);
        if (state == State.BROKEN) {
            throw new BrokenBarrierError("Barrier aborted");
        }
    }

    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /** {@code async with barrier: block}: {@link #await(Awaiter) waits} at the barrier, then runs the block. */
    @Override
    public <T> T with(Awaiter a, Block<T> block) {
        await(a);
        try {
            return block.run();
        } catch (Throwable t) {
            throw Rethrow.unchecked(t);
        }
    }

    /** {@code await barrier.reset()}: see {@link #reset(Awaiter)}. */
    public Coroutine<Void> reset() {
        return Coroutine.ofVoid("Barrier.reset", this::reset);
    }

    /**
     * {@code await barrier.reset()} inside the running coroutine: waiting tasks get
     * {@link BrokenBarrierError}, then the barrier fills again.
     */
    public void reset(Awaiter a) {
        cond.with(a, () -> {
            if (count > 0) {
                if (state != State.RESETTING) {
                    state = State.RESETTING;
                }
            } else {
                state = State.FILLING;
            }
            cond.signalAll();
        });
    }

    /** {@code await barrier.abort()}: see {@link #abort(Awaiter)}. */
    public Coroutine<Void> abort() {
        return Coroutine.ofVoid("Barrier.abort", this::abort);
    }

    /**
     * {@code await barrier.abort()} inside the running coroutine: breaks the barrier; waiting and
     * future callers get {@link BrokenBarrierError}.
     */
    public void abort(Awaiter a) {
        cond.with(a, () -> {
            state = State.BROKEN;
            cond.signalAll();
        });
    }

    /** How many tasks the barrier waits for. */
    public int parties() {
        return parties;
    }

    /** How many tasks wait now (while filling). */
    public int waiting() {
        return state == State.FILLING ? count : 0;
    }

    /** True once aborted. */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        String extra = state.name().toLowerCase();
        if (state != State.BROKEN) { // CPython shows no waiters on a broken barrier
            extra += ", waiters:" + waiting() + "/" + parties;
        }
        return "<Barrier [" + extra + "]>";
    }
}
