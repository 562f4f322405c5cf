package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 214_shield: cancelling the shield leaves the inner running; an inner cancellation cancels the shield. */
class Scenario214ShieldTest {
    private final Trace t = new Trace();

    private Coroutine<String> inner(String tag, double d) {
        return Coroutine.of(a -> {
            try {
                a.await(AsyncIO.sleep(d));
                t.print(tag, "inner completed");
                return tag + "-ok";
            } catch (CancelledError e) {
                t.print(tag, "inner cancelled");
                throw e;
            }
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                Task<String> it = AsyncIO.createTask(inner("A", 0.05), "A");
                Future<String> sh = AsyncIO.shield(it);
                AsyncIO.getRunningLoop().callLater(0.01, sh::cancel);
                try {
                    a.await(sh);
                } catch (CancelledError e) {
                    t.print("A: awaiter got CancelledError; inner done?", it.isDone());
                }
                t.print("A: inner result later:", a.await(it));
                Task<String> it2 = AsyncIO.createTask(inner("B", 1), "B");
                Future<String> sh2 = AsyncIO.shield(it2);
                a.await(AsyncIO.sleep(0));
                it2.cancel();
                try {
                    a.await(sh2);
                } catch (CancelledError e) {
                    t.print("B: shield outer cancelled:", sh2.isCancelled());
                }
                Future<String> f = AsyncIO.getRunningLoop().createFuture();
                f.setResult("already");
                t.print("C: shield of done future is same object:", AsyncIO.shield(f) == f);
            }));
        }
        t.assertMatches("214_shield");
    }
}
