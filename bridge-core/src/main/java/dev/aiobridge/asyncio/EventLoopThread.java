package dev.aiobridge.asyncio;

import dev.aiobridge.coroutine.Coroutine;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * An event loop running forever on a thread of its own: what a service keeps next to its other thread
 * pools (and what a Reactor {@code Scheduler} over the loop needs). Work gets in through
 * {@link #submit} or {@code getLoop().callSoonThreadsafe}; {@link #close()} stops the loop, cancels what is
 * still pending and lets it finish (as {@code asyncio.run} does at its end), then closes the loop.
 */
public final class EventLoopThread implements AutoCloseable {
    private final EventLoop loop;
    private final Thread thread;
    private volatile Throwable crashed;

    private EventLoopThread(Thread.Builder builder, EventLoop loop) {
        this.loop = loop;
        CountDownLatch running = new CountDownLatch(1);
        this.thread = builder.unstarted(() -> {
            loop.callSoon(running::countDown);
            try {
                loop.runForever();
            } catch (Throwable t) {
                crashed = t;
            }
        });
        thread.start();
        try {
            running.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a selector event loop on a new daemon thread called {@code name}. */
    public static EventLoopThread start(String name) {
        return start(name, SelectorEventLoop::new);
    }

    /** Starts a loop made by {@code loopFactory} on a new daemon thread called {@code name}. */
    public static EventLoopThread start(String name, Supplier<? extends EventLoop> loopFactory) {
        return start(Thread.ofPlatform().name(Objects.requireNonNull(name, "name")).daemon(), loopFactory);
    }

    /**
     * Starts a loop made by {@code loopFactory} on a new thread made by {@code builder}, as the builder
     * says (its name, and for a platform thread whether it is a daemon). {@code Thread.ofVirtual()} puts the
     * loop on a virtual thread: on the {@code threads} engine, where every task's body is a virtual thread,
     * the loop then takes turns with them on the carriers instead of waking them from another thread, which
     * makes a task step many times cheaper on a busy machine; waking an idle loop from another thread costs
     * more (it goes through the JDK's poller). See the performance guide for figures.
     */
    public static EventLoopThread start(Thread.Builder builder, Supplier<? extends EventLoop> loopFactory) {
        return new EventLoopThread(Objects.requireNonNull(builder, "builder"), loopFactory.get());
    }

    /** The loop. */
    public EventLoop getLoop() {
        return loop;
    }

    /** The thread running the loop. */
    public Thread thread() {
        return thread;
    }

    /** Runs {@code coro} as a task on the loop, from any thread ({@code run_coroutine_threadsafe}). */
    public <T> CompletableFuture<T> submit(Coroutine<T> coro) {
        return ThreadFutures.runThreadsafe(coro, loop);
    }

    /**
     * Refuses new submissions from other threads at once, stops the loop and waits for its thread; then
     * cancels the tasks still pending and runs them to their end, closes async generators, and closes the
     * loop. Every submission accepted before ends: with its result, cancelled, or with an
     * {@link IllegalStateException} saying the loop closed. Idempotent; a second caller waits for the
     * first to finish.
     */
    @Override
    public synchronized void close() {
        if (loop.isClosed()) {
            return;
        }
        boolean interrupted = false;
        if (thread.isAlive()) {
            if (loop instanceof BaseEventLoop base) {
                base.closeIntake();
                base.callSoonInternal(loop::stop);
            } else {
                loop.callSoonThreadsafe(loop::stop);
            }
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the loop must still be closed: keep the interrupt for later
                }
            }
        }
        try {
            Runner.shutdown(loop);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (crashed != null) {
            throw new IllegalStateException("the event loop thread failed", crashed);
        }
    }
}
