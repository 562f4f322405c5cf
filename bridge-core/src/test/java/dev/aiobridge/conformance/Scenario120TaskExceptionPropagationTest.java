package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 120_task_exception_propagation: the same exception object for exception(), result() and the awaiter. */
class Scenario120TaskExceptionPropagationTest {
    private final Trace t = new Trace();

    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String m) {
            super(m);
        }
    }

    private final Boom theError = new Boom("kaboom");

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            Task<Void> failing = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                b.await(AsyncIO.sleep(0));
                t.print("failing: raising");
                throw theError;
            }), "failing");
            Task<String> bystander = AsyncIO.createTask(Coroutine.of(b -> {
                for (int i = 0; i < 3; i++) {
                    t.print("bystander", i);
                    b.await(AsyncIO.sleep(0));
                }
                return "bystander-ok";
            }), "bystander");
            try {
                a.await(failing);
            } catch (Boom e) {
                t.print("main: caught", e.getMessage(), "| same object:", e == theError);
            }
            t.print("done", failing.isDone(), "| cancelled", failing.isCancelled(), "| exception() is error:",
                    failing.exception() == theError);
            try {
                failing.result();
            } catch (Boom e) {
                t.print("result() raised same object:", e == theError);
            }
            t.print("bystander ->", a.await(bystander));
        }));
        t.assertMatches("120_task_exception_propagation");
    }
}
