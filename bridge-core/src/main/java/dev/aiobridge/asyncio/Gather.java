package dev.aiobridge.asyncio;

import dev.aiobridge.coroutine.Awaitable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code asyncio.gather} (CPython 3.13's {@code tasks.gather}): one future for many awaitables, done when
 * all are done, with their results in argument order. Coroutines become tasks, in argument order;
 * futures are used as they are (the same one twice is waited once). Without {@code returnExceptions} the
 * first failure (or a child's cancellation, as a CancelledError) completes the gather at once, and the
 * other children go on; with it, exceptions take their place in the results. Cancelling the gather
 * cancels every child.
 */
final class Gather<T> extends Future<List<T>> {
    private final List<Future<? extends T>> children;
    private boolean cancelRequested;

    private Gather(EventLoop loop, List<Future<? extends T>> children) {
        super(loop);
        this.children = children;
    }

    @SuppressWarnings("unchecked")
    static <T> Future<List<T>> of(List<? extends Awaitable<? extends T>> awaitables, boolean returnExceptions) {
        if (awaitables.isEmpty()) {
            Future<List<T>> outer = Running.loop().createFuture();
            outer.setResult(new ArrayList<>());
            return outer;
        }
        Map<Object, Future<? extends T>> argToFuture = new IdentityHashMap<>();
        List<Future<? extends T>> children = new ArrayList<>(awaitables.size());
        List<Future<? extends T>> unique = new ArrayList<>();
        EventLoop loop = null;
        for (Awaitable<? extends T> arg : awaitables) {
            Future<? extends T> f = argToFuture.get(arg);
            if (f == null) {
                f = Task.ensureFuture((Awaitable<T>) arg, loop);
                if (loop == null) {
                    loop = f.getLoop();
                }
                argToFuture.put(arg, f);
                unique.add(f);
            }
            children.add(f);
        }
        Gather<T> outer = new Gather<>(loop, children);
        int[] finished = {0};
        int total = unique.size();
        List<Future<? extends T>> doneAlready = new ArrayList<>();
        java.util.function.Consumer<Future<?>> onDone = fut -> outer.childDone(fut, ++finished[0] == total,
                returnExceptions);
        for (Future<? extends T> f : unique) {
            if (f.isDone()) {
                doneAlready.add(f);
            } else {
                f.addDoneCallback(onDone::accept);
            }
        }
        for (Future<? extends T> f : doneAlready) {
            onDone.accept(f);
        }
        return outer;
    }

    @SuppressWarnings("unchecked")
    private void childDone(Future<?> fut, boolean allDone, boolean returnExceptions) {
        if (isDone()) {
            if (!fut.isCancelled()) {
                fut.exception(); // mark it retrieved
            }
            return;
        }
        if (!returnExceptions) {
            if (fut.isCancelled()) {
                setException(fut.makeCancelledError());
                return;
            }
            Throwable e = fut.exception();
            if (e != null) {
                setException(e);
                return;
            }
        }
        if (!allDone) {
            return;
        }
        List<T> results = new ArrayList<>(children.size());
        for (Future<? extends T> child : children) {
            Object r;
            if (child.isCancelled()) {
                String m = child.cancelMessage();
                r = new CancelledError(m == null ? "" : m);
            } else {
                r = child.exception();
                if (r == null) {
                    r = child.result();
                }
            }
            results.add((T) r);
        }
        if (cancelRequested) {
            setException(fut.makeCancelledError());
        } else {
            setResult(results);
        }
    }

    @Override
    public boolean cancel(String message) {
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Future<? extends T> child : children) {
            if (child.cancel(message)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true; // propagate the cancellation whatever returnExceptions says
        }
        return any;
    }
}
