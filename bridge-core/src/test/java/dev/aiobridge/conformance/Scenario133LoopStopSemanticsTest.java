package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import org.junit.jupiter.api.Test;

/** 133_loop_stop_semantics: stop() finishes the current batch; stop() before runForever is one iteration. */
class Scenario133LoopStopSemanticsTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        EventLoop loop = AsyncIO.newEventLoop();
        loop.callSoon(() -> {
            t.print("A runs; schedules A2");
            loop.callSoon(() -> t.print("A2 (scheduled during last iteration)"));
        });
        loop.callSoon(loop::stop);
        loop.callSoon(() -> t.print("B (queued after stop in same batch)"));
        t.print("run_forever #1");
        loop.runForever();
        t.print("returned #1");

        loop.callSoon(() -> t.print("C (queued between runs)"));
        loop.stop();
        t.print("run_forever #2 (stop() called before)");
        loop.runForever();
        t.print("returned #2");

        loop.callSoon(() -> {
            t.print("D runs; schedules E");
            loop.callSoon(() -> t.print("E"));
        });
        loop.stop();
        t.print("run_forever #3 (stop() called before)");
        loop.runForever();
        t.print("returned #3");
        loop.callSoon(loop::stop);
        t.print("run_forever #4");
        loop.runForever();
        t.print("returned #4");
        loop.close();
        t.assertMatches("133_loop_stop_semantics");
    }
}
