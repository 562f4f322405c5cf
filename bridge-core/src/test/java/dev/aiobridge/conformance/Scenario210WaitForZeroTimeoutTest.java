package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 210_wait_for_zero_timeout: waitFor(coro, <= 0) never runs the coroutine; a done future gives its result. */
class Scenario210WaitForZeroTimeoutTest {
    private final Trace t = new Trace();

    private Coroutine<String> body() {
        return Coroutine.of(a -> {
            t.print("body: running (WRONG)");
            return "x";
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                try {
                    a.await(AsyncIO.waitFor(body(), 0.0));
                } catch (TimeoutError e) {
                    t.print("timeout=0 -> TimeoutError, body never ran");
                }
                try {
                    a.await(AsyncIO.waitFor(body(), -1.0));
                } catch (TimeoutError e) {
                    t.print("timeout=-1 -> TimeoutError, body never ran");
                }
                Future<String> f = AsyncIO.getRunningLoop().createFuture();
                f.setResult("done-already");
                t.print("done future with timeout=0 ->", a.await(AsyncIO.waitFor(f, 0.0)));
            }));
        }
        t.assertMatches("210_wait_for_zero_timeout");
    }
}
