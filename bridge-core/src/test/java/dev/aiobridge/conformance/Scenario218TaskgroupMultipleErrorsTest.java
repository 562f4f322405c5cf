package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.ExceptionGroup;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.TaskGroup;
import dev.aiobridge.coroutine.Coroutine;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * 218_taskgroup_multiple_errors: every non-cancel error, in finish order, including one raised while
 * cancelled. Python's TypeError/LookupError raised by the scenario are Java's IllegalArgumentException
 * and NoSuchElementException here (the trace prints the Python names).
 */
class Scenario218TaskgroupMultipleErrorsTest {
    private final Trace t = new Trace();

    private static Coroutine<Void> failAfterOneYield(RuntimeException exc) {
        return Coroutine.ofVoid(a -> {
            a.await(AsyncIO.sleep(0));
            throw exc;
        });
    }

    private static String pyName(Throwable e) {
        if (e instanceof Py.ValueError) {
            return "ValueError";
        }
        if (e instanceof IllegalArgumentException) {
            return "TypeError";
        }
        if (e instanceof NoSuchElementException) {
            return "LookupError";
        }
        return e.getClass().getSimpleName();
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(main());                                           // sleeps cannot depend on machine load
        }
        t.assertMatches("218_taskgroup_multiple_errors");
    }

    private Coroutine<Void> main() {
        return Coroutine.ofVoid(a -> {
            Task<?>[] quiet = new Task<?>[1];
            try {
                TaskGroup tg = new TaskGroup();
                tg.with(a, () -> {
                    tg.createTask(Coroutine.ofVoid(b -> {
                        try {
                            b.await(AsyncIO.sleep(1));
                        } catch (CancelledError e) {
                            throw new NoSuchElementException("raised while cancelled");
                        }
                    }), "roc");
                    quiet[0] = tg.createTask(Coroutine.of(b -> {
                        try {
                            b.await(AsyncIO.sleep(1));
                        } catch (CancelledError e) {
                            return "ignored";
                        }
                        return null;
                    }), "quiet");
                    tg.createTask(failAfterOneYield(new Py.ValueError("v1")), "v1");
                    tg.createTask(failAfterOneYield(new IllegalArgumentException("t1")), "t1");
                    return null;
                });
            } catch (ExceptionGroup eg) {
                t.print(eg.message(), "| count", eg.exceptions().size());
                for (Throwable e : eg.exceptions()) {
                    t.print("  ", pyName(e), e.getMessage());
                }
            }
            t.print("quiet task result:", quiet[0].result(), "| cancelled:", quiet[0].isCancelled());
        });
    }
}
