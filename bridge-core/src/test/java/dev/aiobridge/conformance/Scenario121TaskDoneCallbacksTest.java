package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** 121_task_done_callbacks: task done callbacks run in order via callSoon; on a done task they are scheduled. */
class Scenario121TaskDoneCallbacksTest {
    private final Trace t = new Trace();

    private Consumer<Future<String>> cb(String tag) {
        return f -> t.print("callback", tag, "->", ((Task<String>) f).getName(), f.result());
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            Task<String> task = AsyncIO.createTask(Coroutine.of(b -> {
                t.print("work: running");
                b.await(AsyncIO.sleep(0));
                t.print("work: returning");
                return "W";
            }), "work");
            task.addDoneCallback(cb("first"));
            Consumer<Future<String>> removed = cb("removed");
            task.addDoneCallback(removed);
            task.addDoneCallback(cb("second"));
            t.print("remove ->", task.removeDoneCallback(removed));
            String r = a.await(task);
            t.print("main resumed with", r);
            task.addDoneCallback(cb("late"));
            t.print("main: added late callback; not yet run");
            a.await(AsyncIO.sleep(0));
            t.print("main: after sleep(0)");
        }));
        t.assertMatches("121_task_done_callbacks");
    }
}
