package dev.aiobridge.coroutine;

import dev.aiobridge.internal.debug.Debug;
import dev.aiobridge.internal.engine.LoopHooks;
import java.lang.ref.Cleaner;

/**
 * CPython's "coroutine '...' was never awaited": in debug mode each new coroutine is watched, and one that
 * is collected without ever having been started, awaited, scheduled or closed is reported to the running
 * loop's exception handler (or the logger), with where it was created.
 */
final class NeverAwaited implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final String name;
    private final LoopHooks sink;
    private final Throwable createdAt;
    private volatile boolean awaited;

    private NeverAwaited(String name, LoopHooks sink) {
        this.name = name;
        this.sink = sink;
        this.createdAt = new Throwable("coroutine created here");
    }

    /** Starts watching {@code coro} when debug mode is on; returns its tracker, or null. */
    static NeverAwaited track(Coroutine<?> coro) {
        if (!Debug.enabled()) {
            return null; // and no name made: a coroutine without one would build it for nothing
        }
        NeverAwaited tracker = new NeverAwaited(coro.name(), Debug.currentSink());
        CLEANER.register(coro, tracker);
        return tracker;
    }

    /** Marks the coroutine used. */
    void awaited() {
        awaited = true;
    }

    @Override
    public void run() {
        if (!awaited) {
            Debug.report(sink, "coroutine '" + name + "' was never awaited", createdAt, null);
        }
    }
}
