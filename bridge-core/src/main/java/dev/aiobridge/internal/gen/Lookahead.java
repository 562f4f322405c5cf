package dev.aiobridge.internal.gen;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A Java {@link Iterator} over a Python-style "next or end" source (a generator's {@code next()}, an
 * async iterator's awaited {@code anext()}): {@code hasNext()} reads one value ahead.
 *
 * @param <T> the type of the values
 */
public final class Lookahead<T> implements Iterator<T> {
    /** What a step returns at the end of the source. */
    public static final Object END = new Object();

    /** One step of the source: the next value, or {@link #END}. */
    @FunctionalInterface
    public interface Step {
        /** The next value, or {@link #END}. */
        Object next();
    }

    private final Step step;
    private Object next;
    private boolean ready;
    private boolean ended;

    /** An iterator over {@code step}'s values. */
    public Lookahead(Step step) {
        this.step = step;
    }

    @Override
    public boolean hasNext() {
        if (!ready && !ended) {
            Object v = step.next();
            if (v == END) {
                ended = true;
            } else {
                next = v;
                ready = true;
            }
        }
        return ready;
    }

    /** True when {@link #hasNext()} has read a value ahead that {@link #next()} has not returned yet. */
    public boolean hasReadAhead() {
        return ready;
    }

    /** True once a step returned {@link #END}. */
    public boolean hasEnded() {
        return ended;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the iteration has ended");
        }
        ready = false;
        T value = (T) next;
        next = null;
        return value;
    }
}
