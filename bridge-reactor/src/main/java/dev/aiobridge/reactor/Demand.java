package dev.aiobridge.reactor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * The demand of one subscription: what downstream requested (added with a cap at
 * {@code Long.MAX_VALUE}, from any thread) and what was emitted (counted by the one context that emits).
 * The only place the bridge validates a request and adds to or reads its demand.
 *
 * <p>Invariant: {@code emitted <= requested}; {@code requested == Long.MAX_VALUE} is unbounded and is
 * never decremented, so an unbounded subscriber costs one volatile read per value.
 */
final class Demand {
    private volatile long requested;
    private static final AtomicLongFieldUpdater<Demand> REQUESTED =
            AtomicLongFieldUpdater.newUpdater(Demand.class, "requested");

    /**
     * Written only by the context that emits (a drain owner, the loop thread, upstream's onNext), with a
     * release store: a plain store on x86, so counting costs the fast path nothing.
     */
    private long emitted;
    private static final VarHandle EMITTED;

    static {
        try {
            EMITTED = MethodHandles.lookup().findVarHandle(Demand.class, "emitted", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The error RS §3.9 requires for {@code request(n)} with {@code n <= 0}. */
    static IllegalArgumentException invalid(long n) {
        return new IllegalArgumentException("§3.9 violated: positive request amount required but it was " + n);
    }

    /** Adds {@code n > 0} to the demand, capped at {@code Long.MAX_VALUE}; returns the demand before. */
    long add(long n) {
        while (true) {
            long r = requested;
            if (r == Long.MAX_VALUE) {
                return r;
            }
            long u = r + n;
            if (u < 0) {
                u = Long.MAX_VALUE;
            }
            if (REQUESTED.compareAndSet(this, r, u)) {
                return r;
            }
        }
    }

    /** Everything requested so far (capped). */
    long requested() {
        return requested;
    }

    /** Everything emitted so far. */
    long emitted() {
        return (long) EMITTED.getAcquire(this);
    }

    /** True if one more value may be emitted now. */
    boolean available() {
        long r = requested;
        return r == Long.MAX_VALUE || emitted() < r;
    }

    /** True when requested is unbounded. */
    boolean unbounded() {
        return requested == Long.MAX_VALUE;
    }

    /** Counts one emitted value; only the emitting context calls it. */
    void produced() {
        EMITTED.setRelease(this, emitted + 1);
    }

    @Override
    public String toString() {
        return "Demand(requested=" + requested + ", emitted=" + emitted() + ")";
    }
}
