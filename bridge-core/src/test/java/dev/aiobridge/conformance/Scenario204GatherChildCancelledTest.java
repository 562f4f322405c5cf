package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 204_gather_child_cancelled: a child cancelled from outside fails the gather; the others go on. */
class Scenario204GatherChildCancelledTest {
    private final Trace t = new Trace();

    private Coroutine<String> child(String name, double d) {
        return Coroutine.of(a -> {
            try {
                a.await(AsyncIO.sleep(d));
                t.print(name, "finished");
                return name;
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
                Task<String> victim = AsyncIO.createTask(child("victim", 1), "victim");
                Task<String> other = AsyncIO.createTask(child("other", 0.05), "other");
                Future<List<Object>> g = AsyncIO.gather(victim, other);
                a.await(AsyncIO.sleep(0));
                victim.cancel();
                try {
                    a.await(g);
                } catch (CancelledError e) {
                    t.print("gather raised CancelledError | other done yet:", other.isDone());
                }
                t.print("other result:", a.await(other));
                Task<String> victim2 = AsyncIO.createTask(child("victim2", 1), "victim2");
                Future<List<Object>> g2 = AsyncIO.gather(List.of(victim2, child("other2", 0.01)), true);
                a.await(AsyncIO.sleep(0));
                victim2.cancel();
                List<String> res = new ArrayList<>();
                for (Object r : a.await(g2)) {
                    res.add(r instanceof Throwable e ? e.getClass().getSimpleName() : (String) r);
                }
                t.print("results:", res);
            }));
        }
        t.assertMatches("204_gather_child_cancelled");
    }
}
