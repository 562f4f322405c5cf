package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.coroutine.Coroutine;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** 138_asyncio_run_cancels_leftovers: pending tasks are cancelled (and may await) before run returns or raises. LookupError is NoSuchElementException. */
class Scenario138AsyncioRunCancelsLeftoversTest {
    private final Trace t = new Trace();

    private Coroutine<Void> background(String tag) {
        return Coroutine.ofVoid(a -> {
            try {
                t.print(tag, "background: started");
                a.await(AsyncIO.sleep(10));
            } catch (CancelledError e) {
                t.print(tag, "background: cancelled at shutdown");
                a.await(AsyncIO.sleep(0));
                t.print(tag, "background: awaited inside cleanup");
                throw e;
            } finally {
                t.print(tag, "background: finally");
            }
        });
    }

    @Test
    void trace() {
        String r = Py.run(Coroutine.of(a -> {
            AsyncIO.createTask(background("ok"), "bg");
            AsyncIO.createTask(Coroutine.ofVoid(b -> t.print("quick: done")), "quick");
            a.await(AsyncIO.sleep(0));
            t.print("main_ok: returning");
            return "main-result";
        }));
        t.print("asyncio.run ->", r);
        try {
            Py.run(Coroutine.ofVoid(a -> {
                AsyncIO.createTask(background("fail"), "bg");
                a.await(AsyncIO.sleep(0));
                t.print("main_fail: raising");
                throw new NoSuchElementException("main failed");
            }));
        } catch (NoSuchElementException e) {
            t.print("asyncio.run raised LookupError:", e.getMessage());
        }
        t.assertMatches("138_asyncio_run_cancels_leftovers");
    }
}
