package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.AsyncIO;
import java.util.function.Predicate;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound knows aiobridge's loops: a thread running an event loop is a non-blocking thread, as
 * Reactor's {@code parallel()} threads are, so {@code Mono.block()}, {@code Thread.sleep} or blocking
 * I/O inside a coroutine, a callback or an async generator on the loop is reported as BlockHound reports
 * it there. On the {@code threads} engine a coroutine body runs on a virtual thread of its own that
 * shares its loop's logical thread: it is non-blocking too (and a virtual thread's {@code sleep} and
 * {@code park} count as blocking, which BlockHound alone does not see). Loaded by {@code BlockHound.install()}
 * through {@link java.util.ServiceLoader} whenever BlockHound is on the class path.
 *
 * <p>Allowed: the selector's wait for I/O and timers (the loop's one legitimate block), and the
 * {@code threads} engine's hand-off between a driver and a body.
 */
public final class AiobridgeBlockHoundIntegration implements BlockHoundIntegration {
    /** A thread may start or stop running a loop at any time: its state is checked at each blocking call. */
    private static final Predicate<Thread> ANY_THREAD = thread -> true;

    /** For {@link java.util.ServiceLoader}. */
    public AiobridgeBlockHoundIntegration() {
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(p -> p.or(AiobridgeBlockHoundIntegration::runsALoop));
        builder.dynamicThreadPredicate(p -> p.or(ANY_THREAD));
        // On the threads engine a body runs on a virtual thread, where Thread.sleep and LockSupport.park
        // (a latch, Mono.block()) never reach the native calls BlockHound watches unless the thread is
        // pinned: watch the virtual thread's own sleep and park as well. The engine's hand-off parks
        // inside awaitTurn, allowed below.
        builder.markAsBlocking("java.lang.VirtualThread", "sleepNanos", "(J)V");
        builder.markAsBlocking("java.lang.VirtualThread", "park", "()V");
        builder.markAsBlocking("java.lang.VirtualThread", "parkNanos", "(J)V");
        // The loop's own waiting: its selector (on a virtual thread, Selector.select parks it).
        builder.allowBlockingCallsInside("dev.aiobridge.asyncio.NioIoHandler", "select");
        builder.allowBlockingCallsInside("dev.aiobridge.internal.engine.ThreadsEngine$ThreadFiber", "awaitTurn");
    }

    /** True when {@code thread} is the calling thread and an event loop runs on its logical thread. */
    private static boolean runsALoop(Thread thread) {
        if (thread != Thread.currentThread()) {
            return false;
        }
        try {
            AsyncIO.getRunningLoop();
            return true;
        } catch (RuntimeException noRunningLoop) {
            return false;
        }
    }
}
