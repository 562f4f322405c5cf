package dev.aiobridge.asyncio;

import dev.aiobridge.coroutine.Awaitable;
import java.util.function.Consumer;

/** {@code asyncio.shield} (CPython {@code tasks.shield}). */
final class Shield {
    private Shield() {
    }

    /**
     * A future that follows {@code awaitable} (wrapped in a task if it is a coroutine) but whose
     * cancellation does not reach it; if the inner work is cancelled, the shield is cancelled too.
     */
    static <T> Future<T> of(Awaitable<T> awaitable) {
        Future<T> inner = Task.ensureFuture(awaitable, null);
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = inner.getLoop().createFuture();
        Consumer<Future<T>> innerDone = done -> {
            if (outer.isCancelled()) {
                if (!done.isCancelled()) {
                    done.exception(); // mark the inner result retrieved
                }
                return;
            }
            if (done.isCancelled()) {
                outer.cancel();
            } else if (done.exception() != null) {
                outer.setException(done.exception());
            } else {
                outer.setResult(done.result());
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(done -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }
}
