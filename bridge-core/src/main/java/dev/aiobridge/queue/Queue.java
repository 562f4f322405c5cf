package dev.aiobridge.queue;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.internal.engine.Strand;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.sync.Event;
import java.util.ArrayDeque;

/**
 * asyncio's {@code Queue} (CPython 3.13's {@code queues.py}): FIFO, for tasks of one loop. With a
 * {@code maxsize} above zero, {@link #put} waits while the queue is full; {@link #get} waits while it is
 * empty. Waiters are woken in FIFO order, but an item is not handed over: a woken getter re-checks, so
 * another task may take the item first. {@link #join} waits until every item put has been marked done
 * with {@link #taskDone()}. {@link #shutdown} (3.13) makes puts fail and gets fail once empty.
 *
 * <p>Unlike CPython's queues, which accept {@code None}, these refuse {@code null} items (as Java's
 * queues do) with a {@link NullPointerException} at the put: wrap an absent value in an
 * {@link java.util.Optional} or a marker object.
 *
 * @param <T> the type of the items
 */
public class Queue<T> {
    private final int maxsize;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private int unfinishedTasks;
    private final Event finished = new Event();
    private boolean shutdown;
    private EventLoop loop;
    private final ArrayDeque<T> fifo;

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} items (zero or less: unbounded). */
    public Queue(int maxsize) {
        this.maxsize = maxsize;
        this.fifo = usesDefaultStorage() ? new ArrayDeque<>() : null;
        finished.set();
    }

    /** True unless a subclass keeps the items itself ({@link #store}, {@link #take}, {@link #size()}). */
    boolean usesDefaultStorage() {
        return true;
    }

    /** Adds an item to the storage (a FIFO here). */
    void store(T item) {
        fifo.addLast(item);
    }

    /** Removes the next item from the storage. */
    T take() {
        return fifo.pollFirst();
    }

    /** How many items are stored. */
    int size() {
        return fifo.size();
    }

    private EventLoop loop() {
        EventLoop running = (EventLoop) Strand.current().runningLoop; // asyncio.get_running_loop()
        if (running == null) {
            throw new RuntimeError("no running event loop");
        }
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new RuntimeError(this + " is bound to a different event loop");
        }
        return loop;
    }

    /** How many items are in the queue. */
    public int qsize() {
        return size();
    }

    /** The bound given at construction (zero or less: none). */
    public int maxsize() {
        return maxsize;
    }

    /** True if the queue holds no item. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** True if the queue holds {@code maxsize} items. */
    public boolean isFull() {
        return maxsize > 0 && size() >= maxsize;
    }

    /** {@code await queue.put(item)}: see {@link #put(Awaiter, Object)}. */
    public Coroutine<Void> put(T item) {
        requireItem(item);
        return Coroutine.of("Queue.put", a -> {
            put(a, item);
            return null;
        });
    }

    /** Puts {@code item} inside the running coroutine, waiting while the queue is full. */
    public void put(Awaiter a, T item) {
        requireItem(item);
        while (isFull()) {
            if (shutdown) {
                throw new QueueShutDown();
            }
            Future<Void> putter = loop().createFuture();
            putters.add(putter);
            try {
                a.await(putter);
            } catch (Throwable t) {
                putter.cancel(); // in case it is not done yet
                putters.remove(putter);
                if (!isFull() && !putter.isCancelled()) {
                    // Woken by a get, but we will not put: wake the next in line.
                    wakeupNext(putters);
                }
                throw t;
            }
        }
        putNowait(item);
    }

    /** Puts {@code item} at once, or raises {@link QueueFull} / {@link QueueShutDown}. */
    public void putNowait(T item) {
        requireItem(item);
        if (shutdown) {
            throw new QueueShutDown();
        }
        if (isFull()) {
            throw new QueueFull();
        }
        store(item);
        unfinishedTasks++;
        finished.clear();
        wakeupNext(getters);
    }

    private static void requireItem(Object item) {
        if (item == null) {
            throw new NullPointerException("queues refuse null items (CPython's accept None): "
                    + "wrap an absent value in an Optional or a marker object");
        }
    }

    /** {@code await queue.get()}: see {@link #get(Awaiter)}. */
    public Coroutine<T> get() {
        return Coroutine.of("Queue.get", this::get);
    }

    /** Takes an item inside the running coroutine, waiting while the queue is empty. */
    public T get(Awaiter a) {
        while (isEmpty()) {
            if (shutdown) {
                throw new QueueShutDown();
            }
            Future<Void> getter = loop().createFuture();
            getters.add(getter);
            try {
                a.await(getter);
            } catch (Throwable t) {
                getter.cancel();
                getters.remove(getter);
                if (!isEmpty() && !getter.isCancelled()) {
                    // Woken by a put, but we will not take: wake the next in line.
                    wakeupNext(getters);
                }
                throw t;
            }
        }
        return getNowait();
    }

    /** Takes an item at once, or raises {@link QueueEmpty} / {@link QueueShutDown}. */
    public T getNowait() {
        if (isEmpty()) {
            if (shutdown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        T item = take();
        wakeupNext(putters);
        return item;
    }

    /**
     * Marks one item taken earlier as processed; {@link #join} returns when every item put has been.
     * Raises "task_done() called too many times" (Python's ValueError) beyond that.
     */
    public void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new ValueError("task_done() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /** {@code await queue.join()}: see {@link #join(Awaiter)}. */
    public Coroutine<Void> join() {
        return Coroutine.of("Queue.join", a -> {
            join(a);
            return null;
        });
    }

    /** Waits inside the running coroutine until every item put has been marked done. */
    public void join(Awaiter a) {
        if (unfinishedTasks > 0) {
            finished.await(a);
        }
    }

    /**
     * Shuts the queue down (3.13): puts raise {@link QueueShutDown}, and gets too once the queue is
     * empty; every waiting putter and getter wakes up to find out. With {@code immediate} the queue is
     * emptied at once (each dropped item counts as done, so {@link #join} returns).
     */
    public void shutdown(boolean immediate) {
        shutdown = true;
        if (immediate) {
            while (!isEmpty()) {
                take();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        while (!getters.isEmpty()) {
            Future<Void> g = getters.pollFirst();
            if (!g.isDone()) {
                g.setResult(null);
            }
        }
        while (!putters.isEmpty()) {
            Future<Void> p = putters.pollFirst();
            if (!p.isDone()) {
                p.setResult(null);
            }
        }
    }

    /** {@code shutdown(immediate=False)}. */
    public void shutdown() {
        shutdown(false);
    }

    private static void wakeupNext(ArrayDeque<Future<Void>> waiters) {
        while (!waiters.isEmpty()) {
            Future<Void> w = waiters.pollFirst();
            if (!w.isDone()) {
                w.setResult(null);
                break;
            }
        }
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " maxsize=" + maxsize + " qsize=" + qsize()
                + (getters.isEmpty() ? "" : " _getters[" + getters.size() + "]")
                + (putters.isEmpty() ? "" : " _putters[" + putters.size() + "]")
                + (unfinishedTasks == 0 ? "" : " tasks=" + unfinishedTasks)
                + (shutdown ? " shutdown" : "") + ">";
    }
}
