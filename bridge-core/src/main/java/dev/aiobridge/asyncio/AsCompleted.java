package dev.aiobridge.asyncio;

import dev.aiobridge.coroutine.AsyncIterable;
import dev.aiobridge.coroutine.AsyncIterator;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.builtins.StopAsyncIteration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code asyncio.as_completed} (3.13): the futures of some awaitables in the order they complete.
 * As an {@link AsyncIterable} it gives the futures themselves ({@code async for f in as_completed(aws)}:
 * {@code for (var f : a.iterate(AsyncIO.asCompleted(aws)))}); as a plain {@link Iterable} it gives one
 * awaitable per completion, whose await returns that completion's result or raises its exception
 * ({@code for aw in as_completed(aws)}). After the timeout the remaining ones raise
 * {@link TimeoutError}. One iteration, of either kind, consumes it.
 *
 * @param <T> the type of the results
 */
public final class AsCompleted<T> implements Iterable<Coroutine<T>>, AsyncIterable<Future<? extends T>> {
    private final ArrayDeque<Future<? extends T>> done = new ArrayDeque<>();
    private final Set<Future<? extends T>> todo = new LinkedHashSet<>();
    private final EventLoop loop;
    private int todoLeft;
    private TimerHandle timeoutHandle;
    private boolean timedOut;
    private int timeoutsLeft;
    private Future<Void> waiter;
    private final java.util.function.Consumer<Future<?>> onDone = this::completed;

    @SuppressWarnings("unchecked")
    AsCompleted(List<? extends Awaitable<? extends T>> awaitables, double timeout) {
        this.loop = Running.loop();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        for (Awaitable<? extends T> aw : awaitables) {
            if (seen.put(aw, Boolean.TRUE) == null) {
                todo.add(Task.ensureFuture((Awaitable<T>) aw, loop));
            }
        }
        for (Future<? extends T> f : new ArrayList<>(todo)) {
            f.addDoneCallback(onDone);
        }
        if (!todo.isEmpty() && timeout != Timeout.NEVER) {
            timeoutHandle = loop.callLater(timeout, this::timedOut);
        }
        todoLeft = todo.size();
    }

    private void completed(Future<?> f) {
        if (todo.isEmpty()) {
            return; // the timeout came first
        }
        todo.remove(f);
        @SuppressWarnings("unchecked")
        Future<? extends T> typed = (Future<? extends T>) f;
        done.add(typed);
        if (todo.isEmpty() && timeoutHandle != null) {
            timeoutHandle.cancel();
        }
        wake();
    }

    private void timedOut() {
        for (Future<? extends T> f : todo) {
            f.removeDoneCallback(onDone);
            timeoutsLeft++;
        }
        todo.clear();
        timedOut = true;
        wake();
    }

    private void wake() {
        Future<Void> w = waiter;
        if (w != null && !w.isDone()) {
            w.setResult(null);
        }
    }

    /**
     * {@code __aiter__()}: each {@code anext()} awaits the next completion and gives its future; the
     * iteration ends with {@link StopAsyncIteration} when none is left.
     */
    @Override
    public AsyncIterator<Future<? extends T>> aiter() {
        return () -> Coroutine.of("as_completed.__anext__", a -> {
            if (todoLeft == 0) {
                throw new StopAsyncIteration();
            }
            todoLeft--;
            return waitForOne(a);
        });
    }

    private Future<? extends T> waitForOne(Awaiter a) {
        while (done.isEmpty()) {
            if (timedOut && timeoutsLeft > 0) {
                timeoutsLeft--;
                throw new TimeoutError();
            }
            waiter = loop.createFuture();
            try {
                a.await(waiter);
            } finally {
                waiter = null;
            }
        }
        return done.poll();
    }

    /** One awaitable per completion: awaiting it gives the next completion's result (or raises). */
    @Override
    public Iterator<Coroutine<T>> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return todoLeft > 0;
            }

            @Override
            public Coroutine<T> next() {
                if (todoLeft == 0) {
                    throw new NoSuchElementException("no more completions");
                }
                todoLeft--;
                return Coroutine.of("as_completed", a -> waitForOne(a).result());
            }
        };
    }
}
