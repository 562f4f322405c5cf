package dev.aiobridge.conformance;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.TaskGroup;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/**
 * 216_taskgroup_basic: group tasks start when the body yields; exit waits for all, also tasks created
 * later by other tasks; create_task before entering or after the group finished is refused.
 * {@code async with tg:} is {@code tg.with(a, () -> ...)}.
 */
class Scenario216TaskgroupBasicTest {
    private final Trace t = new Trace();

    private Coroutine<String> job(String name, double d, TaskGroup tg) {
        return Coroutine.of(a -> {
            t.print(name, "start");
            a.await(AsyncIO.sleep(d));
            if (tg != null) {
                t.print(name, "spawning child");
                tg.createTask(job(name + ".child", 0.01, null), name + ".child");
            }
            t.print(name, "end");
            return name;
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                TaskGroup tg = new TaskGroup();
                try {
                    tg.createTask(job("never", 0, null));
                } catch (RuntimeError e) {
                    t.print("create_task before enter ->", e.getMessage());
                }
                Task<?>[] tasks = new Task<?>[2];
                tg.with(a, () -> {
                    tasks[0] = tg.createTask(job("t1", 0.05, null), "t1");
                    tasks[1] = tg.createTask(job("t2", 0.01, tg), "t2");
                    t.print("body: tasks created, not started");
                    a.await(AsyncIO.sleep(0));
                    t.print("body: end of block reached");
                    return null;
                });
                t.print("after block: results", tasks[0].result(), tasks[1].result());
                try {
                    tg.createTask(job("late", 0, null));
                } catch (RuntimeError e) {
                    t.print("create_task after exit ->", e.getMessage());
                }
            }));
        }
        t.assertMatches("216_taskgroup_basic");
    }
}
