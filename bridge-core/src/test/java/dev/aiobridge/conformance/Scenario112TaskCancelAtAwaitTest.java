package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 112_task_cancel_at_await: cancel() returns true; the CancelledError arrives at the await; finally runs. */
class Scenario112TaskCancelAtAwaitTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(main());                                           // sleeps cannot depend on machine load
        }
        t.assertMatches("112_task_cancel_at_await");
    }

    private Coroutine<Void> main() {
        return Coroutine.ofVoid(a -> {
            Task<Void> w = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                t.print("worker: before await");
                try {
                    b.await(AsyncIO.sleep(10));
                    t.print("worker: never printed");
                } catch (CancelledError e) {
                    t.print("worker: CancelledError at the await");
                    throw e;
                } finally {
                    t.print("worker: finally");
                }
            }), "worker");
            a.await(AsyncIO.sleep(0));
            t.print("main: cancel() ->", w.cancel());
            t.print("main: right after cancel: cancelled", w.isCancelled(), "done", w.isDone());
            try {
                a.await(w);
            } catch (CancelledError e) {
                t.print("main: await t raised CancelledError");
            }
            t.print("main: cancelled", w.isCancelled(), "done", w.isDone());
            t.print("main: cancel() again ->", w.cancel());
            try {
                w.result();
            } catch (CancelledError e) {
                t.print("main: t.result() raises CancelledError");
            }
            try {
                w.exception();
            } catch (CancelledError e) {
                t.print("main: t.exception() raises CancelledError");
            }
        });
    }
}
