package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 141_sleep_semantics: sleep(<=0) is one iteration; sleep(d, result) returns result; deadline order. */
class Scenario141SleepSemanticsTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) { // virtual time: the order of the
            runner.run(Coroutine.ofVoid(a -> {                          // sleeps cannot depend on machine load
                Task<Void> c = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                    for (int i = 0; i < 4; i++) {
                        t.print("counter", i);
                        b.await(AsyncIO.sleep(0));
                    }
                }), "counter");
                t.print("main: sleep(0)");
                a.await(AsyncIO.sleep(0));
                t.print("main: after sleep(0)");
                t.print("main: sleep(-1)");
                a.await(AsyncIO.sleep(-1));
                t.print("main: after sleep(-1)");
                a.await(c);
                t.print("sleep(0, result) ->", a.await(AsyncIO.sleep(0, "zero")));
                List<Task<Void>> tasks = new ArrayList<>();
                for (Object[] s : new Object[][] {{"s30", 0.03}, {"s10", 0.01}, {"s20", 0.02}}) {
                    String tag = (String) s[0];
                    double d = (Double) s[1];
                    tasks.add(AsyncIO.createTask(Coroutine.ofVoid(b -> t.print(b.await(AsyncIO.sleep(d, tag + "-woke")))), tag));
                }
                for (Task<Void> task : tasks) {
                    a.await(task);
                }
            }));
        }
        t.assertMatches("141_sleep_semantics");
    }
}
