package dev.aiobridge.asyncio;

import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import java.util.Objects;
import java.util.function.Consumer;

/** {@code asyncio.wait_for} (CPython 3.12+ {@code tasks.wait_for}, built on {@link Timeout}). */
final class WaitFor {
    private WaitFor() {
    }

    static <T> Coroutine<T> of(Awaitable<T> awaitable, double timeoutSeconds) {
        Objects.requireNonNull(awaitable, "awaitable");
        if (Double.isNaN(timeoutSeconds)) {
            throw new dev.aiobridge.builtins.ValueError("a timeout must be a number of seconds, not NaN");
        }
        return Coroutine.of("wait_for", a -> {
            if (timeoutSeconds <= 0) {
                Future<T> future = Task.ensureFuture(awaitable, null);
                if (future.isDone()) {
                    return future.result();
                }
                cancelAndWait(a, future);
                try {
                    return future.result();
                } catch (CancelledError e) {
                    throw new TimeoutError(null, e);
                }
            }
            return Timeout.after(timeoutSeconds).with(a, () -> a.await(awaitable));
        });
    }

    /** CPython {@code _cancel_and_wait}: cancel {@code future} and wait until it is really done. */
    private static void cancelAndWait(Awaiter a, Future<?> future) {
        Future<Void> waiter = future.getLoop().createFuture();
        Consumer<Future<?>> release = f -> {
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        };
        future.addDoneCallback(release);
        try {
            future.cancel();
            a.await(waiter);
        } finally {
            future.removeDoneCallback(release);
        }
    }
}
