package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** 101_future_callbacks_call_soon: done callbacks are scheduled with callSoon in order, never inline. */
class Scenario101FutureCallbacksCallSoonTest {
    private final Trace t = new Trace();

    private Consumer<Future<Integer>> cb(String tag) {
        return fut -> t.print("callback", tag, "sees result", fut.result());
    }

    @Test
    void trace() {
        EventLoop loop = AsyncIO.newEventLoop();
        Future<Integer> f = loop.createFuture();
        Consumer<Future<Integer>> a = cb("A");
        Consumer<Future<Integer>> b = cb("B");
        Consumer<Future<Integer>> dup = cb("DUP");
        f.addDoneCallback(a);
        f.addDoneCallback(dup);
        f.addDoneCallback(b);
        f.addDoneCallback(dup);
        t.print("remove_done_callback(dup) ->", f.removeDoneCallback(dup));
        t.print("remove_done_callback(dup) again ->", f.removeDoneCallback(dup));
        loop.callSoon(() -> t.print("call_soon queued BEFORE set_result"));
        t.print("calling set_result");
        f.setResult(1);
        t.print("set_result returned; no callback has run yet");
        loop.callSoon(() -> t.print("call_soon queued AFTER set_result"));
        f.addDoneCallback(cb("LATE"));
        t.print("add_done_callback on done future returned; LATE not run yet");
        loop.callSoon(loop::stop);
        loop.runForever();
        t.print("loop stopped");
        loop.close();
        t.assertMatches("101_future_callbacks_call_soon");
    }
}
