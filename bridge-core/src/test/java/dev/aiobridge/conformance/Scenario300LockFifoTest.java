package dev.aiobridge.conformance;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.sync.Lock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 300_lock_fifo: waiters get the lock FIFO; {@code async with lock} is {@code lock.with(a, ...)}. */
class Scenario300LockFifoTest {
    private final Trace t = new Trace();

    private Coroutine<Void> user(Lock lock, String name, int hold) {
        return Coroutine.ofVoid(a -> {
            t.print(name, "wants lock");
            lock.with(a, () -> {
                t.print(name, "got lock");
                for (int i = 0; i < hold; i++) {
                    a.await(AsyncIO.sleep(0));
                }
                t.print(name, "releasing");
            });
        });
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            Lock lock = new Lock();
            t.print("locked:", lock.isLocked());
            List<Task<Void>> tasks = new ArrayList<>();
            String[] names = {"A", "B", "C", "D"};
            int[] holds = {2, 0, 1, 0};
            for (int i = 0; i < 4; i++) {
                tasks.add(AsyncIO.createTask(user(lock, names[i], holds[i]), names[i]));
            }
            a.await(AsyncIO.gather(tasks));
            t.print("locked at end:", lock.isLocked());
            try {
                lock.release();
            } catch (RuntimeError e) {
                t.print("release unlocked ->", e.getMessage());
            }
            Task<Void> ticker = AsyncIO.createTask(AsyncIO.sleep(0), "ticker");
            t.print("acquire free lock ->", a.await(lock.acquire()), "| other task ran meanwhile:", ticker.isDone());
            lock.release();
            a.await(ticker);
        }));
        t.assertMatches("300_lock_fifo");
    }
}
