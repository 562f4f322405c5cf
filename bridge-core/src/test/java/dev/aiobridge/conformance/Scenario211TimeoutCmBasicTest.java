package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Timeout;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.coroutine.Coroutine;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * 211_timeout_cm_basic: {@code async with asyncio.timeout(d) as cm} is {@code Timeout cm = Timeout.after(d); cm.with(a, () -> ...)};
 * Python reads {@code cm} after the block, so the test keeps it in a reference.
 */
class Scenario211TimeoutCmBasicTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                AtomicReference<Timeout> cm = new AtomicReference<>();
                try {
                    Timeout c = Timeout.after(0.01);
                    c.with(a, () -> {
                        cm.set(c);
                        t.print("in block: expired()", c.isExpired());
                        try {
                            a.await(AsyncIO.sleep(1));
                            t.print("never printed");
                        } catch (CancelledError e) {
                            t.print("in block: CancelledError seen inside, re-raising");
                            throw e;
                        } finally {
                            t.print("in block: finally");
                        }
                    });
                } catch (TimeoutError e) {
                    t.print("TimeoutError outside | cause:", e.getCause().getClass().getSimpleName(), "| expired():",
                            cm.get().isExpired());
                }
                t.print("task cancelling() after timeout:", AsyncIO.currentTask().cancelling());
                Timeout cm2 = Timeout.after(1.0);
                cm2.with(a, () -> {
                    a.await(AsyncIO.sleep(0.01));
                });
                t.print("finished in time | expired():", cm2.isExpired());
                Timeout cm3 = Timeout.after(Timeout.NEVER);
                cm3.with(a, () -> {
                    a.await(AsyncIO.sleep(0.01));
                });
                t.print("timeout(None) | expired():", cm3.isExpired(), "| when():",
                        cm3.when() == Timeout.NEVER ? null : cm3.when());
                try {
                    Timeout.after(0.0).with(a, () -> {
                        t.print("timeout(0): body runs until first await");
                        a.await(AsyncIO.sleep(0));
                        t.print("never printed");
                    });
                } catch (TimeoutError e) {
                    t.print("timeout(0) -> TimeoutError at the first await");
                }
            }));
        }
        t.assertMatches("211_timeout_cm_basic");
    }
}
