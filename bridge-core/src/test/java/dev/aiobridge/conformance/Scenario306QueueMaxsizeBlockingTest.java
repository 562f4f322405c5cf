package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.queue.Queue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 306_queue_maxsize_blocking: put blocks when full, get when empty, both FIFO; maxsize <= 0 is unbounded. */
class Scenario306QueueMaxsizeBlockingTest {
    private final Trace t = new Trace();

    private Coroutine<Void> producer(Queue<String> q, String name, List<String> items) {
        return Coroutine.ofVoid(a -> {
            for (String it : items) {
                t.print(name, "put", it, "...");
                a.await(q.put(it));
                t.print(name, "put", it, "done | qsize", q.qsize());
            }
        });
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            Queue<String> q = new Queue<>(2);
            t.print("maxsize", q.maxsize(), "| empty", q.isEmpty(), "| full", q.isFull());
            Task<Void> p1 = AsyncIO.createTask(producer(q, "P1", List.of("a", "b", "c")), "P1");
            Task<Void> p2 = AsyncIO.createTask(producer(q, "P2", List.of("x", "y")), "P2");
            a.await(AsyncIO.sleep(0));
            t.print("main: full", q.isFull(), "| qsize", q.qsize());
            StringBuilder got = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                String item = a.await(q.get());
                got.append(item);
                t.print("main got", item);
                a.await(AsyncIO.sleep(0));
            }
            a.await(AsyncIO.gather(p1, p2));
            t.print("order:", got.toString());
            Queue<String> q2 = new Queue<>();
            List<Task<String>> getters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                getters.add(AsyncIO.createTask(q2.get(), "g" + i));
            }
            a.await(AsyncIO.sleep(0));
            for (String v : List.of("first", "second", "third")) {
                q2.putNowait(v);
            }
            List<String> served = new ArrayList<>();
            for (Task<String> g : getters) {
                served.add(a.await(g));
            }
            t.print("getters served FIFO:", served);
            Queue<Integer> u = new Queue<>(0);
            for (int i = 0; i < 100; i++) {
                u.putNowait(i);
            }
            t.print("unbounded qsize", u.qsize(), "| full", u.isFull());
        }));
        t.assertMatches("306_queue_maxsize_blocking");
    }
}
