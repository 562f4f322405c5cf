package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.sync.Lock;
import org.junit.jupiter.api.Test;

/** 301_lock_no_barging: after release() wakes a waiter, a new acquire() queues behind it. */
class Scenario301LockNoBargingTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            Lock lock = new Lock();
            a.await(lock.acquire());
            Task<Void> w = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                t.print("W", "acquire() called");
                b.await(lock.acquire());
                t.print("W", "acquired");
                b.await(AsyncIO.sleep(0));
                t.print("W", "releasing");
                lock.release();
            }), "W");
            a.await(AsyncIO.sleep(0));
            lock.release();
            t.print("main released; locked():", lock.isLocked());
            t.print("main calls acquire() again immediately");
            a.await(lock.acquire());
            t.print("main acquired again; W done:", w.isDone());
            lock.release();
            a.await(w);
        }));
        t.assertMatches("301_lock_no_barging");
    }
}
