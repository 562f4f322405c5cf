package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 116_task_cancelling_counter: two cancel()s count 2 but deliver one CancelledError. */
class Scenario116TaskCancellingCounterTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(main());                                           // sleeps cannot depend on machine load
        }
        t.assertMatches("116_task_cancelling_counter");
    }

    private Coroutine<Void> main() {
        return Coroutine.ofVoid(a -> {
            Task<String> task = AsyncIO.createTask(Coroutine.of(b -> {
                try {
                    b.await(AsyncIO.sleep(10));
                } catch (CancelledError e) {
                    t.print("victim: CancelledError #1, cancelling =", AsyncIO.currentTask().cancelling());
                }
                try {
                    b.await(AsyncIO.sleep(0));
                    t.print("victim: second await completed without a second CancelledError");
                } catch (CancelledError e) {
                    t.print("victim: CancelledError #2 (WRONG)");
                }
                Task<?> me = AsyncIO.currentTask();
                t.print("victim: uncancel ->", me.uncancel());
                t.print("victim: uncancel ->", me.uncancel());
                return "done";
            }), "victim");
            a.await(AsyncIO.sleep(0));
            t.print("cancel #1 ->", task.cancel());
            t.print("cancel #2 ->", task.cancel());
            t.print("cancelling ->", task.cancelling());
            t.print("result ->", a.await(task));
            t.print("cancel on done ->", task.cancel(), "| cancelling", task.cancelling());
        });
    }
}
