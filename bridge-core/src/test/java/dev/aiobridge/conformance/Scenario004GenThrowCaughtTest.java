package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import org.junit.jupiter.api.Test;

/**
 * 004_gen_throw_caught: throwIn raises at the paused yield; caught and yielding again, throwIn returns
 * that value. Python's {@code throw(KeyError)} instantiates the class: Java passes an instance. Python
 * chains a new exception raised in a handler implicitly ({@code __context__}); Java has no implicit
 * chaining, so the handler passes the caught exception as the cause, and the trace prints the cause.
 */
class Scenario004GenThrowCaughtTest {
    private final Trace t = new Trace();

    private Generator<String, Object, Void> gen() {
        return Generator.ofVoid(y -> {
            while (true) {
                try {
                    Object x = y.yield("waiting");
                    t.print("gen: got", x);
                } catch (Py.ValueError e) {
                    t.print("gen: caught ValueError:", e.getMessage());
                    Object x = y.yield("recovered from " + e.getMessage());
                    t.print("gen: after recovery got", x);
                } catch (Py.KeyError e) {
                    t.print("gen: caught KeyError class-thrown");
                    throw new Py.RuntimeError("converted", e);
                }
            }
        });
    }

    @Test
    void trace() {
        Generator<String, Object, Void> g = gen();
        t.print("next ->", g.next());
        t.print("throw(ValueError('v1')) ->", g.throwIn(new Py.ValueError("v1")));
        t.print("send('s1') ->", g.send("s1"));
        t.print("throw(ValueError('v2')) ->", g.throwIn(new Py.ValueError("v2")));
        t.printNoNewline("throw(ValueError('v3')) while in recovery yield ->");
        try {
            t.print(g.throwIn(new Py.ValueError("v3")));
        } catch (Py.ValueError e) {
            t.print("propagated ValueError:", e.getMessage());
        }
        try {
            g.next();
        } catch (StopIteration e) {
            t.print("generator is closed now");
        }

        g = gen();
        g.next();
        try {
            g.throwIn(new Py.KeyError());
        } catch (Py.RuntimeError e) {
            t.print("RuntimeError:", e.getMessage(), "| context:", e.getCause().getClass().getSimpleName());
        }
        t.assertMatches("004_gen_throw_caught");
    }
}
