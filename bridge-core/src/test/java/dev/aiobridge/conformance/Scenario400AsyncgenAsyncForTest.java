package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.builtins.StopAsyncIteration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 400_asyncgen_async_for: {@code async for} is {@code for (x : a.iterate(agen))}; {@code anext(g, default)}
 * is {@code g.anext(default)}; an async comprehension is the same loop collecting into a list.
 */
class Scenario400AsyncgenAsyncForTest {
    private final Trace t = new Trace();

    private AsyncGenerator<Integer> ticker(String name, int n) {
        return AsyncGenerator.of(g -> {
            try {
                for (int i = 0; i < n; i++) {
                    g.await(AsyncIO.sleep(0));
                    t.print("  gen", name, "yields", i);
                    g.yield(i);
                }
            } finally {
                t.print("  gen", name, "finally");
            }
        });
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            Task<Void> other = AsyncIO.createTask(Coroutine.ofVoid(b -> {
                for (int i = 0; i < 3; i++) {
                    t.print("  other task step", i);
                    b.await(AsyncIO.sleep(0));
                }
            }), "other");
            for (int v : a.iterate(ticker("A", 3))) {
                t.print("consumer got", v);
            }
            a.await(other);
            AsyncGenerator<Integer> g = ticker("B", 1);
            t.print("anext ->", a.await(g.anext()));
            t.print("anext with default ->", a.await(((AsyncGenerator<Object>) (AsyncGenerator<?>) g).anext("default")));
            try {
                a.await(g.anext());
            } catch (StopAsyncIteration e) {
                t.print("anext without default -> StopAsyncIteration");
            }
            List<Integer> comprehension = new ArrayList<>();
            for (int x : a.iterate(ticker("C", 3))) {
                if (x != 1) {
                    comprehension.add(x * 10);
                }
            }
            t.print("comprehension:", comprehension);
        }));
        t.assertMatches("400_asyncgen_async_for");
    }
}
