package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 200_gather_result_order: results in argument order; coroutines start in argument order; gather() is []. */
class Scenario200GatherResultOrderTest {
    private final Trace t = new Trace();

    private Coroutine<String> job(String name, double delay) {
        return Coroutine.of(a -> {
            t.print(name, "started");
            a.await(AsyncIO.sleep(delay));
            t.print(name, "finished");
            return name.toUpperCase();
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                EventLoop loop = AsyncIO.getRunningLoop();
                Future<String> fut = loop.createFuture();
                loop.callLater(0.015, () -> fut.setResult("FUT"));
                Object res = a.await(AsyncIO.gather(job("slow", 0.03), job("fast", 0.01), fut, job("mid", 0.02)));
                t.print("results:", res);
                t.print("empty gather:", a.await(AsyncIO.gather()));
            }));
        }
        t.assertMatches("200_gather_result_order");
    }
}
