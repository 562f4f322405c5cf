package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Timeout;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 212_timeout_nested_and_reschedule: only the expired timeout converts; reschedule moves the deadline. */
class Scenario212TimeoutNestedAndRescheduleTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                Timeout outer = Timeout.after(1.0);
                outer.with(a, () -> {
                    Timeout inner = Timeout.after(0.01);
                    try {
                        inner.with(a, () -> a.await(AsyncIO.sleep(1)));
                    } catch (TimeoutError e) {
                        t.print("case1: inner TimeoutError | inner.expired", inner.isExpired(), "| outer.expired",
                                outer.isExpired());
                    }
                    a.await(AsyncIO.sleep(0));
                    t.print("case1: outer block continues");
                });
                t.print("case1: outer exited normally");

                Timeout outer2 = Timeout.after(0.01);
                try {
                    outer2.with(a, () -> {
                        Timeout inner = Timeout.after(1.0);
                        try {
                            inner.with(a, () -> a.await(AsyncIO.sleep(1)));
                        } catch (CancelledError e) {
                            t.print("case2: inner block let CancelledError through | inner.expired",
                                    inner.isExpired());
                            throw e;
                        }
                    });
                } catch (TimeoutError e) {
                    t.print("case2: outer TimeoutError | outer.expired", outer2.isExpired());
                }

                Timeout cm = Timeout.after(0.01);
                cm.with(a, () -> {
                    cm.reschedule(Timeout.NEVER);
                    a.await(AsyncIO.sleep(0.03));
                });
                t.print("case3: rescheduled to None, no timeout | expired", cm.isExpired());
                EventLoop loop = AsyncIO.getRunningLoop();
                try {
                    Timeout c = Timeout.after(1.0);
                    c.with(a, () -> {
                        c.reschedule(loop.time() + 0.01);
                        return a.await(AsyncIO.sleep(1));
                    });
                } catch (TimeoutError e) {
                    t.print("case4: rescheduled earlier -> TimeoutError");
                }
            }));
        }
        t.assertMatches("212_timeout_nested_and_reschedule");
    }
}
