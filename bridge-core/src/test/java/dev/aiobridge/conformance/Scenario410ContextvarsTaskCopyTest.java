package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.context.Context;
import dev.aiobridge.context.ContextVar;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/**
 * 410_contextvars_task_copy: each task runs in a copy of the context at createTask, isolated both ways.
 * Python's module-level code runs in the thread's context; the test runs in a fresh context of its own
 * so that other tests on the same thread cannot interfere.
 */
class Scenario410ContextvarsTaskCopyTest {
    private final Trace t = new Trace();
    private final ContextVar<String> var = ContextVar.withDefault("var", "default");

    private Coroutine<Void> child(String name) {
        return Coroutine.ofVoid(a -> {
            t.print(name, "sees at start:", var.get());
            var.set(name + "-value");
            a.await(AsyncIO.sleep(0));
            t.print(name, "after await still sees:", var.get());
        });
    }

    @Test
    void trace() {
        new Context().run(() -> {
            Py.run(Coroutine.ofVoid(a -> {
                t.print("main initial:", var.get());
                var.set("parent-1");
                Task<Void> t1 = AsyncIO.createTask(child("T1"), "T1");
                var.set("parent-2");
                Task<Void> t2 = AsyncIO.createTask(child("T2"), "T2");
                var.set("parent-3");
                a.await(AsyncIO.gather(t1, t2));
                t.print("main after children:", var.get());
            }));
            t.print("outside asyncio.run:", var.get());
        });
        t.assertMatches("410_contextvars_task_copy");
    }
}
