package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 114_task_cancel_propagates_to_awaited_task: cancelling the awaiter cancels the awaited task; shield prevents it. */
class Scenario114TaskCancelPropagatesToAwaitedTaskTest {
    private final Trace t = new Trace();
    private final Map<String, Task<String>> inners = new HashMap<>();

    private Coroutine<String> inner(String tag) {
        return Coroutine.of(a -> {
            try {
                a.await(AsyncIO.sleep(0.05));
                t.print(tag, "inner completed normally");
                return tag + "-result";
            } catch (CancelledError e) {
                t.print(tag, "inner got CancelledError");
                throw e;
            }
        });
    }

    private Coroutine<String> outer(String tag, boolean shielded) {
        return Coroutine.of(a -> {
            Task<String> it = AsyncIO.createTask(inner(tag), tag + "-inner");
            inners.put(tag, it);
            try {
                if (shielded) {
                    return a.await(AsyncIO.shield(it));
                }
                return a.await(it);
            } catch (CancelledError e) {
                t.print(tag, "outer got CancelledError");
                throw e;
            }
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                for (Object[] c : new Object[][] {{"plain", false}, {"shielded", true}}) {
                    String tag = (String) c[0];
                    Task<String> o = AsyncIO.createTask(outer(tag, (Boolean) c[1]), tag);
                    a.await(AsyncIO.sleep(0));
                    a.await(AsyncIO.sleep(0));
                    t.print(tag, "cancel outer ->", o.cancel());
                    try {
                        a.await(o);
                    } catch (CancelledError e) {
                        t.print(tag, "outer cancelled:", o.isCancelled());
                    }
                    Task<String> it = inners.get(tag);
                    if (!it.isDone()) {
                        t.print(tag, "inner still running after outer cancelled");
                        t.print(tag, "inner eventually ->", a.await(it));
                    }
                    t.print(tag, "inner cancelled:", it.isCancelled());
                }
            }));
        }
        t.assertMatches("114_task_cancel_propagates_to_awaited_task");
    }
}
