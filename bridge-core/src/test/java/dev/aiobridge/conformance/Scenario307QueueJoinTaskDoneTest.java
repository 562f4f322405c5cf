package dev.aiobridge.conformance;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.queue.Queue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 307_queue_join_task_done: join() waits for a task_done() per item; an extra task_done() fails (ValueError). */
class Scenario307QueueJoinTaskDoneTest {
    private final Trace t = new Trace();

    private Coroutine<Void> worker(Queue<Integer> q, String name) {
        return Coroutine.ofVoid(a -> {
            while (true) {
                int item = a.await(q.get());
                t.print(name, "processing", item);
                a.await(AsyncIO.sleep(0));
                t.print(name, "task_done", item);
                q.taskDone();
            }
        });
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            Queue<Integer> q = new Queue<>();
            a.await(q.join());
            t.print("join on fresh queue returned immediately");
            for (int i = 0; i < 4; i++) {
                q.putNowait(i);
            }
            List<Task<Void>> ws = new ArrayList<>();
            for (String n : List.of("W1", "W2")) {
                ws.add(AsyncIO.createTask(worker(q, n), n));
            }
            t.print("main: join()");
            a.await(q.join());
            t.print("main: join returned; qsize", q.qsize());
            for (Task<Void> w : ws) {
                w.cancel();
            }
            a.await(AsyncIO.gather(ws, true));
            Queue<String> q2 = new Queue<>();
            q2.putNowait("x");
            q2.getNowait();
            Task<Void> joiner = AsyncIO.createTask(q2.join(), "joiner");
            a.await(AsyncIO.sleep(0));
            t.print("got item but no task_done: join done?", joiner.isDone());
            q2.taskDone();
            a.await(AsyncIO.sleep(0));
            t.print("after task_done: join done?", joiner.isDone());
            try {
                q2.taskDone();
            } catch (ValueError e) {
                t.print("extra task_done ->", e.getMessage());
            }
        }));
        t.assertMatches("307_queue_join_task_done");
    }
}
