package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 110_task_start_and_round_robin: tasks start when the creator yields, in creation order; sleep(0) loops round-robin. */
class Scenario110TaskStartAndRoundRobinTest {
    private final Trace t = new Trace();

    private Coroutine<String> worker(String name, int n) {
        return Coroutine.of(a -> {
            t.print(name, "start");
            for (int i = 0; i < n; i++) {
                t.print(name, i);
                a.await(AsyncIO.sleep(0));
            }
            t.print(name, "end");
            return name;
        });
    }

    private Coroutine<String> spawner() {
        return Coroutine.of(a -> {
            t.print("S start");
            a.await(AsyncIO.sleep(0));
            t.print("S creating D");
            Task<String> d = AsyncIO.createTask(worker("D", 2), "D");
            t.print("S created D (not started)");
            a.await(AsyncIO.sleep(0));
            t.print("S after yield");
            return a.await(d);
        });
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            List<Task<String>> tasks = new ArrayList<>();
            tasks.add(AsyncIO.createTask(worker("A", 3), "A"));
            tasks.add(AsyncIO.createTask(worker("B", 2), "B"));
            tasks.add(AsyncIO.createTask(worker("C", 3), "C"));
            tasks.add(AsyncIO.createTask(spawner(), "S"));
            t.print("main: created all; none started yet");
            List<String> results = new ArrayList<>();
            for (Task<String> task : tasks) {
                results.add(a.await(task));
            }
            t.print("main: results", results);
        }));
        t.assertMatches("110_task_start_and_round_robin");
    }
}
