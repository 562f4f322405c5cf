package dev.aiobridge.conformance;

import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.queue.LifoQueue;
import dev.aiobridge.queue.PriorityQueue;
import dev.aiobridge.queue.Queue;
import dev.aiobridge.queue.QueueEmpty;
import dev.aiobridge.queue.QueueFull;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 308_priority_lifo_queue: PriorityQueue gives the smallest first; LifoQueue the newest. Python compares
 * (priority, seq, payload) tuples; Java gives the queue a comparator over a record.
 */
class Scenario308PriorityLifoQueueTest {
    private final Trace t = new Trace();

    record Item(int priority, int seq, String payload) {
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            PriorityQueue<Item> pq = new PriorityQueue<>(0,
                    Comparator.comparingInt(Item::priority).thenComparingInt(Item::seq));
            for (Item item : List.of(new Item(3, 0, "low"), new Item(1, 1, "urgent"), new Item(2, 2, "mid"),
                    new Item(1, 3, "urgent-2"), new Item(5, 4, "lowest"))) {
                a.await(pq.put(item));
            }
            List<String> out = new ArrayList<>();
            while (!pq.isEmpty()) {
                out.add(a.await(pq.get()).payload());
            }
            t.print("priority order:", out);
            LifoQueue<String> lq = new LifoQueue<>();
            for (String x : List.of("a", "b", "c")) {
                lq.putNowait(x);
            }
            List<String> lifo = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                lifo.add(lq.getNowait());
            }
            t.print("lifo order:", lifo);
            try {
                lq.getNowait();
            } catch (QueueEmpty e) {
                t.print("get_nowait on empty -> QueueEmpty");
            }
            Queue<Integer> fq = new Queue<>(1);
            fq.putNowait(1);
            try {
                fq.putNowait(2);
            } catch (QueueFull e) {
                t.print("put_nowait on full -> QueueFull");
            }
            t.print("qsize after failed put:", fq.qsize());
        }));
        t.assertMatches("308_priority_lifo_queue");
    }
}
