package dev.aiobridge.conformance;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.sync.BoundedSemaphore;
import dev.aiobridge.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 304_semaphore: n holders at once, others FIFO; BoundedSemaphore refuses an extra release (ValueError). */
class Scenario304SemaphoreTest {
    private final Trace t = new Trace();
    private final List<String> holders = new ArrayList<>();

    private Coroutine<Void> worker(Semaphore sem, String name, int steps) {
        return Coroutine.ofVoid(a -> sem.with(a, () -> {
            holders.add(name);
            t.print(name, "in | holders:", String.join(" ", holders));
            for (int i = 0; i < steps; i++) {
                a.await(AsyncIO.sleep(0));
            }
            holders.remove(name);
            t.print(name, "out");
        }));
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            Semaphore sem = new Semaphore(2);
            t.print("initial locked:", sem.isLocked());
            List<Task<Void>> ts = new ArrayList<>();
            String[] names = {"A", "B", "C", "D", "E"};
            int[] steps = {3, 1, 1, 0, 0};
            for (int i = 0; i < names.length; i++) {
                ts.add(AsyncIO.createTask(worker(sem, names[i], steps[i]), names[i]));
            }
            a.await(AsyncIO.sleep(0));
            t.print("after start: locked:", sem.isLocked());
            a.await(AsyncIO.gather(ts));
            t.print("final locked:", sem.isLocked());
            Semaphore s = new Semaphore(1);
            s.release();
            boolean lockedBefore = s.isLocked();
            boolean first = a.await(s.acquire());
            boolean second = a.await(s.acquire());
            t.print("Semaphore released above initial: locked", lockedBefore, "| acquire:", first, second,
                    "| locked", s.isLocked());
            BoundedSemaphore b = new BoundedSemaphore(1);
            a.await(b.acquire());
            b.release();
            try {
                b.release();
            } catch (ValueError e) {
                t.print("BoundedSemaphore extra release ->", e.getMessage());
            }
            try {
                new Semaphore(-1);
            } catch (ValueError e) {
                t.print("Semaphore(-1) ->", e.getMessage());
            }
        }));
        t.assertMatches("304_semaphore");
    }
}
