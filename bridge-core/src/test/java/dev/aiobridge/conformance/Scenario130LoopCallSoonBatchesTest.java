package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Handle;
import org.junit.jupiter.api.Test;

/** 130_loop_call_soon_batches: FIFO; callbacks scheduled during an iteration run in the next one. */
class Scenario130LoopCallSoonBatchesTest {
    private final Trace t = new Trace();
    private int iteration;
    private EventLoop loop;

    private void step(String name, int remaining) {
        t.print("run", name, remaining);
        if (remaining > 0) {
            loop.callSoon(() -> step(name, remaining - 1));
        }
    }

    private void chainStop(int n) {
        if (n == 0) {
            loop.stop();
            return;
        }
        t.print("-- iteration boundary", iteration);
        iteration++;
        loop.callSoon(() -> chainStop(n - 1));
    }

    @Test
    void trace() {
        loop = AsyncIO.newEventLoop();
        loop.callSoon(() -> chainStop(4));
        loop.callSoon(() -> step("A", 2));
        loop.callSoon(() -> step("B", 1));
        loop.callSoon(() -> step("C", 0));
        Handle h = loop.callSoon(() -> t.print("plain", "args", 1, 2));
        t.print("handle type:", h.getClass().getSimpleName());
        loop.runForever();
        loop.close();
        t.assertMatches("130_loop_call_soon_batches");
    }
}
