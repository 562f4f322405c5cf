package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.ExceptionGroup;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.TaskGroup;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 220_taskgroup_body_error_and_external_cancel: a body error joins the group; an outside cancel is a plain CancelledError. */
class Scenario220TaskgroupBodyErrorAndExternalCancelTest {
    private final Trace t = new Trace();

    private Coroutine<Void> child(String name) {
        return Coroutine.ofVoid(a -> {
            try {
                a.await(AsyncIO.sleep(1));
            } catch (CancelledError e) {
                t.print(name, "cancelled");
                throw e;
            }
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                try {
                    TaskGroup tg = new TaskGroup();
                    tg.with(a, () -> {
                        tg.createTask(child("c1"), "c1");
                        a.await(AsyncIO.sleep(0));
                        throw new Py.RuntimeError("body failed");
                    });
                } catch (ExceptionGroup eg) {
                    List<String> subs = new ArrayList<>();
                    for (Throwable e : eg.exceptions()) {
                        subs.add("RuntimeError:" + e.getMessage());
                    }
                    t.print("body_raises:", eg.message(), subs);
                }
                Task<Void> outer = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                    try {
                        TaskGroup tg = new TaskGroup();
                        tg.with(b, () -> {
                            tg.createTask(child("c2"), "c2");
                            b.await(AsyncIO.sleep(1));
                            return null;
                        });
                    } catch (CancelledError e) {
                        t.print("cancelled_from_outside: plain CancelledError");
                        throw e;
                    }
                }), "outer");
                a.await(AsyncIO.sleep(0.01));
                outer.cancel();
                try {
                    a.await(outer);
                } catch (CancelledError e) {
                    t.print("outer task cancelled:", outer.isCancelled());
                }
            }));
        }
        t.assertMatches("220_taskgroup_body_error_and_external_cancel");
    }
}
