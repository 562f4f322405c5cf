package dev.aiobridge.conformance;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import org.junit.jupiter.api.Test;

/**
 * 122_task_bad_yield_and_self_await: Python's {@code @types.coroutine} generator that yields a value is an
 * {@link Awaitable} whose await generator yields it; the task throws "Task got bad yield" back in.
 */
class Scenario122TaskBadYieldAndSelfAwaitTest {
    private final Trace t = new Trace();

    private static Awaitable<Object> badYield(Object value) {
        return () -> Generator.of(g -> {
            g.yield(value);
            return null;
        });
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            t.print("A ->", a.await(AsyncIO.createTask(Coroutine.of(b -> {
                try {
                    b.await(badYield(42));
                } catch (RuntimeError e) {
                    t.print("coroutine caught:", e.getMessage());
                }
                return "recovered";
            }), "A")));
            try {
                a.await(AsyncIO.createTask(Coroutine.of(b -> b.await(badYield("text"))), "B"));
            } catch (RuntimeError e) {
                t.print("B task failed with:", e.getMessage());
            }
            t.print("C ->", a.await(AsyncIO.createTask(Coroutine.of(b -> {
                try {
                    b.await(AsyncIO.currentTask());
                } catch (RuntimeError e) {
                    t.print("await itself -> RuntimeError, message starts:", e.getMessage().split(":")[0]);
                }
                return "self-await-survived";
            }), "C")));
        }));
        t.assertMatches("122_task_bad_yield_and_self_await");
    }
}
