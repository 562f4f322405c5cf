package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.ReturnWhen;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 206_wait_return_when: wait() FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED; never raises or cancels. */
class Scenario206WaitReturnWhenTest {
    private final Trace t = new Trace();

    private Coroutine<String> job(String name, double d, boolean fail) {
        return Coroutine.of(a -> {
            a.await(AsyncIO.sleep(d));
            if (fail) {
                t.print(name, "raising");
                throw new Py.ValueError(name);
            }
            t.print(name, "done");
            return name;
        });
    }

    private List<Task<String>> mk(Object[][] specs) {
        List<Task<String>> ts = new ArrayList<>();
        for (Object[] s : specs) {
            boolean fail = s.length > 2 && (Boolean) s[2];
            ts.add(AsyncIO.createTask(job((String) s[0], ((Number) s[1]).doubleValue(), fail), (String) s[0]));
        }
        return ts;
    }

    private static List<String> names(Collection<Task<String>> s) {
        return s.stream().map(Task::getName).sorted().toList();
    }

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                List<Task<String>> ts = mk(new Object[][] {{"a", 0.05}, {"b", 0.01}, {"c", 0.04}});
                var r = a.await(AsyncIO.wait(ts, ReturnWhen.FIRST_COMPLETED));
                t.print("FIRST_COMPLETED done", names(r.done()), "pending", names(r.pending()));
                a.await(AsyncIO.wait(r.pending()));
                t.print("pending ones were not cancelled:", ts.stream().map(Task::result).toList());

                ts = mk(new Object[][] {{"d", 0.01}, {"e", 0.02, true}, {"f", 0.05}});
                r = a.await(AsyncIO.wait(ts, ReturnWhen.FIRST_EXCEPTION));
                t.print("FIRST_EXCEPTION done", names(r.done()), "pending", names(r.pending()));
                a.await(AsyncIO.wait(r.pending()));
                t.print("exception of e:", ts.get(1).exception());

                ts = mk(new Object[][] {{"g", 0.01}, {"h", 0.02}});
                r = a.await(AsyncIO.wait(ts, ReturnWhen.FIRST_EXCEPTION));
                t.print("FIRST_EXCEPTION without errors done", names(r.done()), "pending", names(r.pending()));

                ts = mk(new Object[][] {{"i", 0.02, true}, {"j", 0.01}});
                r = a.await(AsyncIO.wait(ts, ReturnWhen.ALL_COMPLETED));
                t.print("ALL_COMPLETED done", names(r.done()), "pending", names(r.pending()));
                t.print("exception of i:", ts.get(0).exception());
            }));
        }
        t.assertMatches("206_wait_return_when");
    }
}
