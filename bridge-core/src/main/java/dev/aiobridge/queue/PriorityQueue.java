package dev.aiobridge.queue;

import java.util.Comparator;

/** asyncio's {@code PriorityQueue}: a {@link Queue} that gives the smallest item first (a binary heap). */
public final class PriorityQueue<T> extends Queue<T> {
    private java.util.PriorityQueue<T> heap;
    private final Comparator<? super T> order;

    /** An unbounded queue in natural order. */
    public PriorityQueue() {
        this(0, null);
    }

    /** A queue of at most {@code maxsize} items in natural order. */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /** A queue of at most {@code maxsize} items, smallest by {@code order} first (null: natural order). */
    public PriorityQueue(int maxsize, Comparator<? super T> order) {
        super(maxsize);
        this.order = order;
    }

    private java.util.PriorityQueue<T> heap() {
        if (heap == null) {
            heap = new java.util.PriorityQueue<>(order);
        }
        return heap;
    }

    @Override
    boolean usesDefaultStorage() {
        return false;
    }

    @Override
    void store(T item) {
        heap().add(item);
    }

    @Override
    T take() {
        return heap().poll();
    }

    @Override
    int size() {
        return heap == null ? 0 : heap.size();
    }
}
