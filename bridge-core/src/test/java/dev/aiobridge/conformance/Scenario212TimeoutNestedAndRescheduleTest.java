package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Timeout;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.coroutine.Coroutine;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** 212_timeout_nested_and_reschedule: only the expired timeout converts; reschedule moves the deadline. */
class Scenario212TimeoutNestedAndRescheduleTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            AsyncIO.timeout(a, 1.0, outer -> {
                AtomicReference<Timeout> inner = new AtomicReference<>();
                try {
                    AsyncIO.timeout(a, 0.01, in -> {
                        inner.set(in);
                        return a.await(AsyncIO.sleep(1));
                    });
                } catch (TimeoutError e) {
                    t.print("case1: inner TimeoutError | inner.expired", inner.get().expired(), "| outer.expired",
                            outer.expired());
                }
                a.await(AsyncIO.sleep(0));
                t.print("case1: outer block continues");
                return null;
            });
            t.print("case1: outer exited normally");

            AtomicReference<Timeout> outer2 = new AtomicReference<>();
            try {
                AsyncIO.timeout(a, 0.01, outer -> {
                    outer2.set(outer);
                    AtomicReference<Timeout> inner = new AtomicReference<>();
                    try {
                        AsyncIO.timeout(a, 1.0, in -> {
                            inner.set(in);
                            return a.await(AsyncIO.sleep(1));
                        });
                    } catch (CancelledError e) {
                        t.print("case2: inner block let CancelledError through | inner.expired",
                                inner.get().expired());
                        throw e;
                    }
                    return null;
                });
            } catch (TimeoutError e) {
                t.print("case2: outer TimeoutError | outer.expired", outer2.get().expired());
            }

            Timeout cm = AsyncIO.timeout(a, 0.01, c -> {
                c.reschedule(null);
                a.await(AsyncIO.sleep(0.03));
                return c;
            });
            t.print("case3: rescheduled to None, no timeout | expired", cm.expired());
            EventLoop loop = AsyncIO.getRunningLoop();
            try {
                AsyncIO.timeout(a, 1.0, c -> {
                    c.reschedule(loop.time() + 0.01);
                    return a.await(AsyncIO.sleep(1));
                });
            } catch (TimeoutError e) {
                t.print("case4: rescheduled earlier -> TimeoutError");
            }
        }));
        t.assertMatches("212_timeout_nested_and_reschedule");
    }
}
