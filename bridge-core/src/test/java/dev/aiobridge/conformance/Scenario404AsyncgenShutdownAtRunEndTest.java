package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.builtins.GeneratorExit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 404_asyncgen_shutdown_at_run_end: AsyncIO.run cancels leftover tasks, then closes suspended async generators. */
class Scenario404AsyncgenShutdownAtRunEndTest {
    private final Trace t = new Trace();
    private final List<Object> keep = new ArrayList<>();

    @Test
    void trace() {
        String result = Py.run(Coroutine.of(a -> {
            AsyncGenerator<String> g = AsyncGenerator.of(x -> {
                try {
                    x.yield("first");
                    x.yield("second");
                } catch (GeneratorExit e) {
                    t.print("agen: GeneratorExit from shutdown_asyncgens");
                    throw e;
                } finally {
                    t.print("agen: finally");
                }
            });
            keep.add(g);
            t.print("main: got", a.await(g.anext()));
            AsyncIO.createTask(Coroutine.ofVoid(b -> {
                try {
                    b.await(AsyncIO.sleep(10));
                } finally {
                    t.print("leftover task: finally (cancelled)");
                }
            }), "leftover");
            a.await(AsyncIO.sleep(0));
            t.print("main: returning");
            return "main-done";
        }));
        t.print("asyncio.run ->", result);
        t.assertMatches("404_asyncgen_shutdown_at_run_end");
    }
}
