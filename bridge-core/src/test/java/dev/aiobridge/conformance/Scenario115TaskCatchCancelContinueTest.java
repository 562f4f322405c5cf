package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 115_task_catch_cancel_continue: a task may catch CancelledError and return normally; cancelling() stays 1. */
class Scenario115TaskCatchCancelContinueTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(main());                                           // sleeps cannot depend on machine load
        }
        t.assertMatches("115_task_catch_cancel_continue");
    }

    private Coroutine<Void> main() {
        return Coroutine.ofVoid(a -> {
            Task<String> task = AsyncIO.createTask(Coroutine.of(b -> {
                try {
                    b.await(AsyncIO.sleep(10));
                } catch (CancelledError e) {
                    t.print("stubborn: caught CancelledError, cancelling() =", AsyncIO.currentTask().cancelling());
                }
                b.await(AsyncIO.sleep(0));
                t.print("stubborn: still alive after another await");
                return "survived";
            }), "stubborn");
            a.await(AsyncIO.sleep(0));
            t.print("cancel ->", task.cancel());
            String r = a.await(task);
            t.print("result", r, "| cancelled", task.isCancelled(), "| cancelling", task.cancelling());
            t.print("uncancel ->", task.uncancel(), "| cancelling", task.cancelling());
            t.print("uncancel at 0 ->", task.uncancel(), "(never goes negative)");
        });
    }
}
