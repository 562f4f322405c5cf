package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/**
 * 136_loop_call_soon_threadsafe: a thread wakes the loop blocked in select; callbacks run FIFO on the loop
 * thread. Python compares {@code threading.current_thread()} with the thread captured inside main; on the
 * threads engine a coroutine body runs on a virtual thread of its own, so the Java check is
 * {@link EventLoop#inLoopThread()}, true both in the coroutine and in loop callbacks.
 */
class Scenario136LoopCallSoonThreadsafeTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Future<String> fut = loop.createFuture();
            Thread th = new Thread(() -> {
                loop.callSoonThreadsafe(() -> t.print("callback", "first", "runs on loop thread:", loop.inLoopThread()));
                loop.callSoonThreadsafe(() -> t.print("callback", "second", "runs on loop thread:", loop.inLoopThread()));
                loop.callSoonThreadsafe(() -> fut.setResult("from-thread"));
            });
            t.print("starting thread; main awaits the future");
            th.start();
            String r = a.await(AsyncIO.waitFor(fut, 5.0));
            th.join();
            t.print("main got", r);
        }));
        t.assertMatches("136_loop_call_soon_threadsafe");
    }
}
