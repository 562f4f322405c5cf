package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code asyncio.wait} (3.13): waits until some or all of the futures are done, without raising their
 * exceptions and without cancelling anything; a timeout only ends the wait.
 */
final class Wait {
    private Wait() {
    }

    static <F extends Future<?>> Coroutine<Done<F>> of(Collection<F> futures, double timeout,
                                                                ReturnWhen when) {
        if (futures.isEmpty()) {
            throw new ValueError("Set of Tasks/Futures is empty.");
        }
        Set<F> fs = new LinkedHashSet<>(futures);
        return Coroutine.of("wait", a -> run(a, fs, timeout, when));
    }

    private static <F extends Future<?>> Done<F> run(Awaiter a, Set<F> fs, double timeout,
                                                             ReturnWhen when) {
        EventLoop loop = Running.loop();
        Future<Void> waiter = loop.createFuture();
        TimerHandle[] timeoutHandle = {null};
        if (timeout != Timeout.NEVER) {
            timeoutHandle[0] = loop.callLater(timeout, () -> release(waiter));
        }
        int[] counter = {fs.size()};
        Consumer<Future<?>> onCompletion = f -> {
            counter[0]--;
            if (counter[0] <= 0 || when == ReturnWhen.FIRST_COMPLETED
                    || (when == ReturnWhen.FIRST_EXCEPTION && !f.isCancelled() && f.exception() != null)) {
                if (timeoutHandle[0] != null) {
                    timeoutHandle[0].cancel();
                }
                release(waiter);
            }
        };
        for (F f : fs) {
            f.addDoneCallback(onCompletion);
        }
        try {
            a.await(waiter);
        } finally {
            if (timeoutHandle[0] != null) {
                timeoutHandle[0].cancel();
            }
            for (F f : fs) {
                f.removeDoneCallback(onCompletion);
            }
        }
        Set<F> done = new LinkedHashSet<>();
        Set<F> pending = new LinkedHashSet<>();
        for (F f : fs) {
            (f.isDone() ? done : pending).add(f);
        }
        return new Done<>(Collections.unmodifiableSet(done), Collections.unmodifiableSet(pending));
    }

    static void release(Future<Void> waiter) {
        if (!waiter.isDone()) {
            waiter.setResult(null);
        }
    }
}
