package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 111_task_await_task_wakeup: an awaiter resumes one iteration after the awaited task's last step. */
class Scenario111TaskAwaitTaskWakeupTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            Task<Void> tk = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                for (int i = 0; i < 7; i++) {
                    t.print("tick", i);
                    b.await(AsyncIO.sleep(0));
                }
            }), "ticker");
            Task<String> t1 = AsyncIO.createTask(Coroutine.of(b -> {
                t.print("w1 start");
                b.await(AsyncIO.sleep(0));
                t.print("w1 returning");
                return "r1";
            }), "w1");
            Task<String> t2 = AsyncIO.createTask(Coroutine.of(b -> {
                t.print("w2 awaiting w1");
                String r = b.await(t1);
                t.print("w2 got", r);
                return "r2(" + r + ")";
            }), "w2");
            Task<String> t3 = AsyncIO.createTask(Coroutine.of(b -> {
                t.print("w3 awaiting w2");
                String r = b.await(t2);
                t.print("w3 got", r);
                return "r3(" + r + ")";
            }), "w3");
            t.print("main got", a.await(t3));
            a.await(tk);
        }));
        t.assertMatches("111_task_await_task_wakeup");
    }
}
