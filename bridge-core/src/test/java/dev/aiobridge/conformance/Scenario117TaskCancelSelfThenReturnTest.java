package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 117_task_cancel_self_then_return: a self-cancelled task that returns without awaiting ends cancelled. */
class Scenario117TaskCancelSelfThenReturnTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            Coroutine<Integer> cancelThenReturn = Coroutine.of(b -> {
                Task<?> me = AsyncIO.currentTask();
                t.print("A: cancel(self) ->", me.cancel());
                t.print("A: still running, returning 42");
                return 42;
            });
            Coroutine<Integer> cancelThenAwait = Coroutine.of(b -> {
                AsyncIO.currentTask().cancel();
                try {
                    b.await(AsyncIO.sleep(0));
                    t.print("B: never printed");
                } catch (CancelledError e) {
                    t.print("B: CancelledError at sleep(0)");
                    throw e;
                }
                return 0;
            });
            for (Object[] c : new Object[][] {{"A", cancelThenReturn}, {"B", cancelThenAwait}}) {
                String name = (String) c[0];
                @SuppressWarnings("unchecked")
                Task<Integer> task = AsyncIO.createTask((Coroutine<Integer>) c[1], name);
                try {
                    int r = a.await(task);
                    t.print(name, "result", r);
                } catch (CancelledError e) {
                    t.print(name, "awaiting raised CancelledError; cancelled =", task.isCancelled());
                }
            }
        }));
        t.assertMatches("117_task_cancel_self_then_return");
    }
}
