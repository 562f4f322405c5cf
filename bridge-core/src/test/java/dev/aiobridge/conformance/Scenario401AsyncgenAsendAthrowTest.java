package dev.aiobridge.conformance;

import dev.aiobridge.builtins.TypeError;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.builtins.StopAsyncIteration;
import org.junit.jupiter.api.Test;

/** 401_asyncgen_asend_athrow: the priming rule, asend values, athrow caught / uncaught / into an unstarted generator. */
class Scenario401AsyncgenAsendAthrowTest {
    private final Trace t = new Trace();

    private AsyncGenerator<String> echo() {
        return AsyncGenerator.of(g -> {
            Object received = null;
            while (true) {
                try {
                    received = g.yield("echo:" + Py.str(received));
                    t.print("  gen received", received);
                } catch (Py.ValueError e) {
                    t.print("  gen caught ValueError", e.getMessage());
                    received = "after-error";
                }
            }
        });
    }

    @Test
    void trace() {
        Py.run(Coroutine.ofVoid(a -> {
            AsyncGenerator<String> g = echo();
            try {
                a.await(g.asend("too early"));
            } catch (TypeError e) {
                t.print("asend(non-None) first ->", e.getMessage());
            }
            t.print("asend(None) ->", a.await(g.asend(null)));
            t.print("asend(1) ->", a.await(g.asend(1)));
            t.print("athrow(ValueError) ->", a.await(g.athrow(new Py.ValueError("v"))));
            t.print("asend(2) ->", a.await(g.asend(2)));
            try {
                a.await(g.athrow(new Py.KeyError()));
            } catch (Py.KeyError e) {
                t.print("athrow(KeyError) propagated");
            }
            try {
                a.await(g.anext());
            } catch (StopAsyncIteration e) {
                t.print("finished generator -> StopAsyncIteration");
            }
            AsyncGenerator<String> g2 = echo();
            try {
                a.await(g2.athrow(new Py.ValueError("before start")));
            } catch (Py.ValueError e) {
                t.print("athrow into unstarted generator raises directly:", e.getMessage());
            }
            try {
                a.await(g2.asend(null));
            } catch (StopAsyncIteration e) {
                t.print("and it is finished");
            }
        }));
        t.assertMatches("401_asyncgen_asend_athrow");
    }
}
