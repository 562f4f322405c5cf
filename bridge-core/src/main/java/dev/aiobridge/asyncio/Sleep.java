package dev.aiobridge.asyncio;

import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.coroutine.InlineAwaitable;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.Yielder;

/**
 * {@code asyncio.sleep} (CPython {@code tasks.sleep}): an await-generator body, so awaiting it needs no
 * frame. A delay of zero or less is one bare yield ({@code __sleep0}), one iteration of the loop.
 */
record Sleep<T>(double seconds, T result) implements InlineAwaitable<T> {

    /** The coroutine {@code asyncio.sleep(seconds, result)}. */
    static <T> Coroutine<T> of(double seconds, T result) {
        if (Double.isNaN(seconds)) {
            throw new dev.aiobridge.builtins.ValueError("sleep length must not be NaN");
        }
        return Coroutine.inline("sleep", new Sleep<>(seconds, result));
    }

    @Override
    public T awaitInline(Yielder<Object, Object> scope) {
        if (seconds <= 0) {
            scope.yield(null); // __sleep0: one bare yield, one iteration of the loop
            return result;
        }
        EventLoop loop = Running.loop();
        Future<T> future = loop.createFuture();
        TimerHandle h = loop.callLater(seconds, () -> setResultUnlessCancelled(future, result));
        try {
            return future.awaitInline(scope);
        } finally {
            h.cancel();
        }
    }

    @Override
    public Generator<Object, Object, T> awaitGenerator() {
        return Generator.of(this::awaitInline);
    }

    /** CPython {@code futures._set_result_unless_cancelled}. */
    static <T> void setResultUnlessCancelled(Future<T> future, T result) {
        if (!future.isCancelled()) {
            future.setResult(result);
        }
    }
}
