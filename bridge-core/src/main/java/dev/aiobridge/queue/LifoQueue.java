package dev.aiobridge.queue;

import java.util.ArrayDeque;

/** asyncio's {@code LifoQueue}: a {@link Queue} that gives the newest item first. */
public final class LifoQueue<T> extends Queue<T> {
    private ArrayDeque<T> stack;

    /** An unbounded queue. */
    public LifoQueue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} items. */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    private ArrayDeque<T> stack() {
        if (stack == null) {
            stack = new ArrayDeque<>();
        }
        return stack;
    }

    @Override
    boolean usesDefaultStorage() {
        return false;
    }

    @Override
    void store(T item) {
        stack().addLast(item);
    }

    @Override
    T take() {
        return stack().pollLast();
    }

    @Override
    int size() {
        return stack == null ? 0 : stack.size();
    }
}
