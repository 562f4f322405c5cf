package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.internal.engine.Rethrow;
import java.util.Objects;

/**
 * asyncio's {@code timeout()} context manager (3.11+, CPython's {@code timeouts.py}): a deadline for a
 * block of code in the current task. When it passes, the task is cancelled; the block sees a
 * {@link CancelledError} at its await, and at the end of the block this timeout turns <em>its own</em>
 * cancellation into a {@link TimeoutError}. A cancellation from elsewhere passes through untouched, and
 * nested timeouts convert only the one that expired. The deadline can be moved while inside
 * ({@link #reschedule}).
 *
 * <pre>{@code
 * String body = Timeout.after(a, 5.0, cm -> a.await(fetch(url)));   // async with asyncio.timeout(5):
 * }</pre>
 *
 * The block is a lambda run in the current coroutine (Java's try-with-resources cannot replace the
 * exception leaving a block, which is what a timeout does); it awaits with the enclosing coroutine's
 * {@link Awaiter}.
 */
public final class Timeout {

    /** A block of code guarded by a timeout. */
    @FunctionalInterface
    public interface Block<T> {
        /** Runs the block; {@code cm} is the timeout itself ({@code async with ... as cm}). */
        T run(Timeout cm) throws Throwable;
    }

    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    private State state = State.CREATED;
    private Double when;
    private Handle timeoutHandle;
    private Task<?> task;
    private int cancellingAtEntry;

    private Timeout(Double when) {
        this.when = when;
    }

    /**
     * {@code async with asyncio.timeout(delay) as cm: block}. {@code delaySeconds} null: no deadline;
     * zero or less: expires at the first await.
     */
    public static <T> T after(Awaiter a, Double delaySeconds, Block<T> block) {
        Double when = delaySeconds == null ? null : AsyncIO.getRunningLoop().time() + delaySeconds;
        return at(a, when, block);
    }

    /** {@code async with asyncio.timeout_at(when) as cm: block}; {@code when} in loop time, null: none. */
    public static <T> T at(Awaiter a, Double when, Block<T> block) {
        Objects.requireNonNull(a, "awaiter");
        Timeout cm = new Timeout(when);
        cm.enter();
        T result;
        try {
            result = block.run(cm);
        } catch (Throwable t) {
            throw Rethrow.unchecked(cm.exit(t));
        }
        Throwable replaced = cm.exit(null);
        if (replaced != null) {
            throw Rethrow.unchecked(replaced);
        }
        return result;
    }

    /** The deadline in loop time, or null for none. */
    public Double when() {
        return when;
    }

    /**
     * Moves the deadline (loop time; null: none); a deadline already past expires at once. Only inside
     * the block ("Timeout has not been entered", "Cannot change state of expiring Timeout", ...).
     */
    public void reschedule(Double newWhen) {
        if (state != State.ENTERED) {
            if (state == State.CREATED) {
                throw new RuntimeError("Timeout has not been entered");
            }
            throw new RuntimeError("Cannot change state of " + state.text + " Timeout");
        }
        when = newWhen;
        if (timeoutHandle != null) {
            timeoutHandle.cancel();
        }
        if (newWhen == null) {
            timeoutHandle = null;
        } else {
            EventLoop loop = AsyncIO.getRunningLoop();
            if (newWhen <= loop.time()) {
                timeoutHandle = loop.callSoon(this::onTimeout);
            } else {
                timeoutHandle = loop.callAt(newWhen, this::onTimeout);
            }
        }
    }

    /** True once the deadline passed while inside the block. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void enter() {
        if (state != State.CREATED) {
            throw new RuntimeError("Timeout has already been entered");
        }
        Task<?> current = AsyncIO.currentTask();
        if (current == null) {
            throw new RuntimeError("Timeout should be used inside a task");
        }
        state = State.ENTERED;
        task = current;
        cancellingAtEntry = current.cancelling();
        reschedule(when);
    }

    /** Leaves the block; returns what must propagate instead of {@code error} (itself if unchanged). */
    private Throwable exit(Throwable error) {
        if (timeoutHandle != null) {
            timeoutHandle.cancel();
            timeoutHandle = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingAtEntry && error instanceof CancelledError cancelled) {
                // No new cancel requests: this cancellation is ours.
                return new TimeoutError(null, cancelled);
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        return error;
    }

    private void onTimeout() {
        task.cancel();
        state = State.EXPIRING;
        timeoutHandle = null;
    }

    @Override
    public String toString() {
        return "<Timeout [" + state.text + "]" + (state == State.ENTERED ? " when=" + when : "") + ">";
    }
}
