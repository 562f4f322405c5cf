package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.Timeout;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/**
 * 208_wait_for_timeout: on expiry waitFor cancels the inner, waits for its cleanup, raises TimeoutError
 * caused by the CancelledError. Python's first line checks that asyncio.TimeoutError is the builtin:
 * in Java there is one {@link TimeoutError} class, so the line prints the same identity check.
 */
class Scenario208WaitForTimeoutTest {
    private final Trace t = new Trace();

    private Coroutine<String> slow() {
        return Coroutine.of(a -> {
            try {
                a.await(AsyncIO.sleep(1));
                return "slow-result";
            } catch (CancelledError e) {
                t.print("slow: CancelledError, cleaning up");
                a.await(AsyncIO.sleep(0));
                t.print("slow: cleanup finished");
                throw e;
            } finally {
                t.print("slow: finally");
            }
        });
    }

    private static Coroutine<String> fast() {
        return Coroutine.of(a -> {
            a.await(AsyncIO.sleep(0.01));
            return "fast-result";
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                t.print("asyncio.TimeoutError is TimeoutError:", TimeoutError.class == TimeoutError.class);
                try {
                    a.await(AsyncIO.waitFor(slow(), 0.02));
                } catch (TimeoutError e) {
                    t.print("TimeoutError raised after inner cleanup | cause:", e.getCause().getClass().getSimpleName());
                }
                t.print("in time ->", a.await(AsyncIO.waitFor(fast(), 1.0)));
                t.print("timeout=None ->", a.await(AsyncIO.waitFor(fast(), Timeout.NEVER)));
                Task<String> task = AsyncIO.createTask(slow(), "slow-task");
                try {
                    a.await(AsyncIO.waitFor(task, 0.02));
                } catch (TimeoutError e) {
                    t.print("task passed to wait_for is cancelled:", task.isCancelled());
                }
            }));
        }
        t.assertMatches("208_wait_for_timeout");
    }
}
