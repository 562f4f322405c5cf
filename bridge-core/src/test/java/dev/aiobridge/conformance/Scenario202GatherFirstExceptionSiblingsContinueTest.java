package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.coroutine.Coroutine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 202_gather_first_exception_siblings_continue: the first error propagates at once; siblings are not cancelled. */
class Scenario202GatherFirstExceptionSiblingsContinueTest {
    private final Trace t = new Trace();

    private Coroutine<String> slow(String name, double d) {
        return Coroutine.of(a -> {
            try {
                a.await(AsyncIO.sleep(d));
                t.print(name, "finished normally (not cancelled)");
                return name;
            } catch (CancelledError e) {
                t.print(name, "cancelled (WRONG)");
                throw e;
            }
        });
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(main());                                           // sleeps cannot depend on machine load
        }
        t.assertMatches("202_gather_first_exception_siblings_continue");
    }

    private Coroutine<Void> main() {
        return Coroutine.ofVoid(a -> {
            Task<String> s1 = AsyncIO.createTask(slow("slow1", 0.05), "slow1");
            Coroutine<Void> failFast = Coroutine.ofVoid(b -> {
                b.await(AsyncIO.sleep(0.005));
                t.print("fail_fast: raising");
                throw new Py.ValueError("first failure");
            });
            Future<List<Object>> g = AsyncIO.gather(failFast, s1, slow("slow2", 0.04));
            try {
                a.await(g);
            } catch (Py.ValueError e) {
                t.print("main: gather raised", e.getMessage());
            }
            t.print("main: gather done", g.isDone(), "| s1 done", s1.isDone());
            t.print("main: s1 result", a.await(s1));
            try {
                g.result();
            } catch (Py.ValueError e) {
                t.print("main: gather.result() raises", e.getMessage());
            }
        });
    }
}
