package dev.aiobridge.asyncio;

import dev.aiobridge.context.Context;

/**
 * A callback scheduled for a time ({@code callLater}, {@code callAt}). Timers with equal deadlines run in
 * the order they were scheduled (a deliberate departure: CPython leaves that order undefined).
 */
public final class TimerHandle extends Handle implements Comparable<TimerHandle> {
    final long whenNanos;
    final long sequence;
    /** True while the handle is in the loop's timer heap. Loop thread only. */
    boolean scheduled;
    private final BaseEventLoop loop;

    TimerHandle(long whenNanos, long sequence, Runnable callback, Context context, BaseEventLoop loop) {
        super(callback, context);
        this.loop = loop;
        this.whenNanos = whenNanos;
        this.sequence = sequence;
    }

    /** The loop time (seconds, as {@link EventLoop#time()}) at which the callback is due. */
    public double when() {
        return whenNanos / 1e9;
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            loop.timerCancelled(this);
        }
    }

    @Override
    public int compareTo(TimerHandle o) {
        int c = Long.compare(whenNanos, o.whenNanos);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return "<TimerHandle when=" + when() + " " + callback + (cancelled ? " cancelled" : "") + ">";
    }
}
