package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 201_gather_return_exceptions: exceptions (the same objects) and CancelledError take their places in the results. */
class Scenario201GatherReturnExceptionsTest {
    private final Trace t = new Trace();
    private final Map<String, Oops> errors = new HashMap<>();

    static final class Oops extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Oops(String m) {
            super(m);
        }
    }

    private Coroutine<String> ok(String name) {
        return Coroutine.of(a -> {
            a.await(AsyncIO.sleep(0));
            return name;
        });
    }

    private Coroutine<String> fail(String name) {
        return Coroutine.of(a -> {
            a.await(AsyncIO.sleep(0));
            errors.put(name, new Oops(name));
            throw errors.get(name);
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(main());                                           // sleeps cannot depend on machine load
        }
        t.assertMatches("201_gather_return_exceptions");
    }

    private Coroutine<Void> main() {
        return Coroutine.ofVoid(a -> {
            Task<Void> victim = AsyncIO.createTask(Coroutine.ofVoid(b -> b.await(AsyncIO.sleep(10))), "victim");
            AsyncIO.getRunningLoop().callSoon(victim::cancel);
            List<Object> res = a.await(AsyncIO.gather(List.of(ok("a"), fail("b"), ok("c"), victim, fail("d")), true));
            for (int i = 0; i < res.size(); i++) {
                Object r = res.get(i);
                if (r instanceof Throwable e) {
                    if (e instanceof Oops oops) {
                        t.print(i, "exception Oops", oops.getMessage(), "| same object:",
                                oops == errors.get(oops.getMessage()));
                    } else {
                        t.print(i, "exception", e.getClass().getSimpleName());
                    }
                } else {
                    t.print(i, "value", r);
                }
            }
        });
    }
}
