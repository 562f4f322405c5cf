package dev.aiobridge.conformance;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.builtins.StopAsyncIteration;
import dev.aiobridge.builtins.GeneratorExit;
import org.junit.jupiter.api.Test;

/** 402_asyncgen_aclose: aclose runs finally (which may await); never started: nothing; yielding instead is an error. */
class Scenario402AsyncgenAcloseTest {
    private final Trace t = new Trace();

    private AsyncGenerator<Integer> resource(String name) {
        return AsyncGenerator.of(g -> {
            t.print(" ", name, "opened");
            try {
                g.yield(1);
                g.yield(2);
            } catch (GeneratorExit e) {
                t.print(" ", name, "GeneratorExit");
                throw e;
            } finally {
                t.print(" ", name, "finally: awaiting cleanup");
                g.await(AsyncIO.sleep(0));
                t.print(" ", name, "finally: cleanup done");
            }
        });
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            AsyncGenerator<Integer> g = resource("R1");
            t.print("anext ->", a.await(g.anext()));
            AsyncIO.createTask(Coroutine.ofVoid(b -> t.print("  bystander ran")), "bystander");
            t.print("aclose ->", a.await(g.aclose()));
            try {
                a.await(g.anext());
            } catch (StopAsyncIteration e) {
                t.print("anext after aclose -> StopAsyncIteration");
            }
            t.print("aclose again ->", a.await(g.aclose()));
            AsyncGenerator<Integer> g2 = resource("R2");
            t.print("aclose never-started ->", a.await(g2.aclose()));
            AsyncGenerator<String> s = AsyncGenerator.of(x -> {
                try {
                    x.yield("a");
                } catch (GeneratorExit e) {
                    x.yield("b");
                }
            });
            a.await(s.anext());
            try {
                a.await(s.aclose());
            } catch (RuntimeError e) {
                t.print("stubborn aclose ->", e.getMessage());
            }
            try {
                a.await(s.anext());
            } catch (StopAsyncIteration e) {
                t.print("stubborn finished");
            }
        }));
        t.assertMatches("402_asyncgen_aclose");
    }
}
