package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Handle;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

/**
 * An {@link EventLoop} as a Reactor {@link Scheduler}: every task runs on the loop's thread, so a
 * worker's tasks are serialized by construction; delays and periods use the loop's timers. Tasks enter
 * through {@code callSoonThreadsafe}. Disposing the scheduler (or a worker) cancels its pending tasks
 * and rejects new ones with Reactor's rejected-execution error; it does not stop or close the loop,
 * which its owner runs (an {@code EventLoopThread}, say). A loop that is not running (or is closed)
 * rejects at once too, with a {@code RejectedExecutionException} naming its state, instead of holding
 * tasks that would never run.
 */
final class LoopScheduler implements Scheduler {
    private final EventLoop loop;
    final Tracker tracker = new Tracker();

    LoopScheduler(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    @Override
    public Disposable schedule(Runnable task) {
        return tracker.schedule(loop, task, 0, 0);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return tracker.schedule(loop, task, unit.toNanos(delay), 0);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return tracker.schedule(loop, task, unit.toNanos(initialDelay), Math.max(1, unit.toNanos(period)));
    }

    @Override
    public long now(TimeUnit unit) {
        return unit.convert((long) (loop.time() * 1e9), TimeUnit.NANOSECONDS);
    }

    @Override
    public Worker createWorker() {
        return new LoopWorker(loop, tracker);
    }

    @Override
    public void dispose() {
        tracker.dispose();
    }

    @Override
    public boolean isDisposed() {
        return tracker.disposed;
    }

    @Override
    public void init() {
    }

    @Override
    public String toString() {
        return "LoopScheduler(" + loop + ")";
    }

    /** A worker: its own set of tasks, cancelled together; the loop serializes them. */
    static final class LoopWorker implements Worker {
        private final EventLoop loop;
        private final Tracker parent;
        final Tracker tracker = new Tracker();

        LoopWorker(EventLoop loop, Tracker parent) {
            this.loop = loop;
            this.parent = parent;
        }

        @Override
        public Disposable schedule(Runnable task) {
            return schedule(task, 0, TimeUnit.NANOSECONDS);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            if (parent.disposed) {
                throw Exceptions.failWithRejected();
            }
            return tracker.schedule(loop, task, unit.toNanos(delay), 0);
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            if (parent.disposed) {
                throw Exceptions.failWithRejected();
            }
            return tracker.schedule(loop, task, unit.toNanos(initialDelay), Math.max(1, unit.toNanos(period)));
        }

        @Override
        public void dispose() {
            tracker.dispose();
        }

        @Override
        public boolean isDisposed() {
            return tracker.disposed;
        }
    }

    /** The pending tasks of a scheduler or worker. */
    static final class Tracker {
        final Set<LoopTask> tasks = ConcurrentHashMap.newKeySet();
        volatile boolean disposed;

        Disposable schedule(EventLoop loop, Runnable task, long delayNanos, long periodNanos) {
            if (disposed) {
                throw Exceptions.failWithRejected();
            }
            IllegalStateException notServing = Loops.notServing(loop);
            if (notServing != null) {
                throw Exceptions.failWithRejected(notServing); // fail fast: it would never run
            }
            LoopTask t = new LoopTask(this, loop, Objects.requireNonNull(task, "task"), periodNanos);
            if (delayNanos <= 0 && periodNanos == 0) {
                // The per-task path (publishOn's drain, subscribeOn): the task itself is the loop's callback
                // and is not tracked; it reads its owner's flag when it runs, so a dispose still cancels it.
                if (!loop.offerThreadsafe(t)) {
                    throw Exceptions.failWithRejected(Loops.closed(loop, null));
                }
                return t;
            }
            t.tracked = true;
            tasks.add(t);
            if (disposed) {
                t.dispose();
                throw Exceptions.failWithRejected();
            }
            if (!loop.offerThreadsafe(() -> t.arm(delayNanos))) {
                tasks.remove(t);
                throw Exceptions.failWithRejected(Loops.closed(loop, null));
            }
            return t;
        }

        void dispose() {
            disposed = true;
            for (LoopTask t : tasks) {
                t.dispose();
            }
            tasks.clear();
        }
    }

    /**
     * One scheduled task, cancellable from any thread. An immediate task is the loop's callback itself and
     * is not in its owner's set (an entry per task cost more than the task: an identity hash and a
     * concurrent map's node, added on the caller's thread and removed on the loop's); it does not run once
     * it or its owner is disposed. A delayed or periodic one is a loop timer, tracked so that disposing
     * its owner cancels the timer at once.
     */
    static final class LoopTask implements Disposable, Runnable {
        private final Tracker owner;
        private final EventLoop loop;
        private final Runnable task;
        private final long periodNanos;
        private volatile boolean disposed;
        private volatile Handle handle;
        /** In the owner's set (delayed or periodic); written before the task is published. */
        boolean tracked;
        private double nextRun;

        LoopTask(Tracker owner, EventLoop loop, Runnable task, long periodNanos) {
            this.owner = owner;
            this.loop = loop;
            this.task = task;
            this.periodNanos = periodNanos;
        }

        /** On the loop thread: schedule the first run of a delayed or periodic task as a loop timer. */
        void arm(long delayNanos) {
            if (disposed) {
                return;
            }
            nextRun = loop.time() + Math.max(0, delayNanos) / 1e9;
            handle = loop.callAt(nextRun, this);
        }

        @Override
        public void run() {
            if (disposed || owner.disposed) {
                return;
            }
            try {
                task.run();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                loop.callExceptionHandler(dev.aiobridge.asyncio.ExceptionContext.of(
                        "Exception in a task scheduled by Reactor on the loop", e));
            }
            if (periodNanos > 0 && !disposed) {
                nextRun += periodNanos / 1e9; // fixed rate, as Reactor's schedulers
                handle = loop.callAt(nextRun, this);
            } else {
                disposed = true;
                if (tracked) {
                    owner.tasks.remove(this);
                }
            }
        }

        @Override
        public void dispose() {
            if (disposed) {
                return;
            }
            disposed = true;
            if (!tracked) {
                return; // it will see the flag when the loop comes to it
            }
            owner.tasks.remove(this);
            Handle h = handle;
            if (h != null) {
                loop.offerThreadsafe(h::cancel); // false: the loop is closed, nothing left to cancel
            }
        }

        @Override
        public boolean isDisposed() {
            return disposed || owner.disposed;
        }
    }
}
