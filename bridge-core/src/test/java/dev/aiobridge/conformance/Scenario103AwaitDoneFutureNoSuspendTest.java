package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 103_await_done_future_no_suspend: a done future does not suspend; a pending one resumes one iteration later. */
class Scenario103AwaitDoneFutureNoSuspendTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Task<Void> ticker = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                for (int i = 0; i < 5; i++) {
                    t.print("tick", i);
                    b.await(AsyncIO.sleep(0));
                }
            }), "ticker");
            Future<String> done = loop.createFuture();
            done.setResult("already-done");
            t.print("main: awaiting done future");
            String r = a.await(done);
            t.print("main: got", r, "without suspending");
            Future<String> pending = loop.createFuture();
            loop.callSoon(() -> {
                t.print("complete(): set_result");
                pending.setResult("later");
            });
            t.print("main: awaiting pending future");
            r = a.await(pending);
            t.print("main: got", r);
            a.await(ticker);
            t.print("main: end");
        }));
        t.assertMatches("103_await_done_future_no_suspend");
    }
}
