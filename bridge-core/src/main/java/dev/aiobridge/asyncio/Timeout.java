package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.AsyncContextManager;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.internal.engine.Rethrow;
import java.time.Duration;
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
 * String body = Timeout.after(5).with(a, () -> a.await(fetch(url)));   // async with asyncio.timeout(5):
 *
 * Timeout cm = Timeout.after(Timeout.NEVER);                           // async with asyncio.timeout(None) as cm:
 * cm.with(a, () -> {
 *     cm.reschedule(AsyncIO.getRunningLoop().time() + 10);    //     cm.reschedule(loop.time() + 10)
 *     a.await(work());
 * });
 * }</pre>
 *
 * Times are seconds as {@code double} (loop time for {@link #at} and {@link #reschedule}), with a
 * {@link Duration} overload for a delay; {@link #NEVER} is "no deadline" wherever a time is taken or
 * returned (Python's {@code None}).
 */
public final class Timeout implements AsyncContextManager {

    /**
     * "No deadline" (Python's {@code None}): {@code Double.POSITIVE_INFINITY}. Accepted by every
     * aiobridge method that takes a timeout or a deadline in seconds, and returned by {@link #when()}
     * when there is none.
     */
    public static final double NEVER = Double.POSITIVE_INFINITY;

    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    private State state = State.CREATED;
    private double when;
    private Handle timeoutHandle;
    private Task<?> task;
    private int cancellingAtEntry;

    private Timeout(double when) {
        this.when = checkTime(when);
    }

    private static double checkTime(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new ValueError("a timeout must be a number of seconds, not NaN");
        }
        return seconds;
    }

    /**
     * {@code asyncio.timeout(delay)}: a timeout {@code delaySeconds} from now on the running loop's
     * clock, to enter with {@link #with}; {@link #NEVER}: no deadline; zero or less: expires at the
     * first await of the block.
     */
    public static Timeout after(double delaySeconds) {
        checkTime(delaySeconds);
        return new Timeout(delaySeconds == NEVER ? NEVER : Running.loop().time() + delaySeconds);
    }

    /** {@code asyncio.timeout(delay)} with a {@link Duration}. */
    public static Timeout after(Duration delay) {
        return after(Timeouts.seconds(delay));
    }

    /** {@code asyncio.timeout_at(when)}: a timeout at loop time {@code when} ({@link #NEVER}: none). */
    public static Timeout at(double when) {
        return new Timeout(when);
    }

    /**
     * {@code async with timeout: block}: runs {@code block} with this deadline, in the current task (a
     * timeout is entered once). Its own expiry leaves the block as a {@link TimeoutError}.
     */
    @Override
    public <T> T with(Awaiter a, Block<T> block) {
        Objects.requireNonNull(a, "awaiter");
        enter();
        T result;
        try {
            result = block.run();
        } catch (Throwable t) {
            throw Rethrow.unchecked(exit(t));
        }
        Throwable replaced = exit(null);
        if (replaced != null) {
            throw Rethrow.unchecked(replaced);
        }
        return result;
    }

    /** The deadline in loop time, or {@link #NEVER}. */
    public double when() {
        return when;
    }

    /**
     * Moves the deadline (loop time; {@link #NEVER}: none); a deadline already past expires at once. Only inside
     * the block ("Timeout has not been entered", "Cannot change state of expiring Timeout", ...).
     */
    public void reschedule(double newWhen) {
        checkTime(newWhen);
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
        if (newWhen == NEVER) {
            timeoutHandle = null;
        } else {
            EventLoop loop = Running.loop();
            if (newWhen <= loop.time()) {
                timeoutHandle = loop.callSoon(this::onTimeout);
            } else {
                timeoutHandle = loop.callAt(newWhen, this::onTimeout);
            }
        }
    }

    /** True once the deadline passed while inside the block. */
    public boolean isExpired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void enter() {
        if (state != State.CREATED) {
            throw new RuntimeError("Timeout has already been entered");
        }
        Task<?> current = Running.task();
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
        return "<Timeout [" + state.text + "]" + (state == State.ENTERED ? " when=" + (when == NEVER ? "None" : when) : "") + ">";
    }
}
