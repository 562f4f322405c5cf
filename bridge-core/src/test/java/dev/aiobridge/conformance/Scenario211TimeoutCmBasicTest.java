package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Timeout;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.coroutine.Coroutine;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * 211_timeout_cm_basic: {@code async with asyncio.timeout(d) as cm} is {@code AsyncIO.timeout(a, d, cm -> ...)};
 * Python reads {@code cm} after the block, so the test keeps it in a reference.
 */
class Scenario211TimeoutCmBasicTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            AtomicReference<Timeout> cm = new AtomicReference<>();
            try {
                AsyncIO.timeout(a, 0.01, c -> {
                    cm.set(c);
                    t.print("in block: expired()", c.expired());
                    try {
                        a.await(AsyncIO.sleep(1));
                        t.print("never printed");
                    } catch (CancelledError e) {
                        t.print("in block: CancelledError seen inside, re-raising");
                        throw e;
                    } finally {
                        t.print("in block: finally");
                    }
                    return null;
                });
            } catch (TimeoutError e) {
                t.print("TimeoutError outside | cause:", e.getCause().getClass().getSimpleName(), "| expired():",
                        cm.get().expired());
            }
            t.print("task cancelling() after timeout:", AsyncIO.currentTask().cancelling());
            Timeout cm2 = AsyncIO.timeout(a, 1.0, c -> {
                a.await(AsyncIO.sleep(0.01));
                return c;
            });
            t.print("finished in time | expired():", cm2.expired());
            Timeout cm3 = AsyncIO.timeout(a, null, c -> {
                a.await(AsyncIO.sleep(0.01));
                return c;
            });
            t.print("timeout(None) | expired():", cm3.expired(), "| when():", cm3.when());
            try {
                AsyncIO.timeout(a, 0.0, c -> {
                    t.print("timeout(0): body runs until first await");
                    a.await(AsyncIO.sleep(0));
                    t.print("never printed");
                    return null;
                });
            } catch (TimeoutError e) {
                t.print("timeout(0) -> TimeoutError at the first await");
            }
        }));
        t.assertMatches("211_timeout_cm_basic");
    }
}
