package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import org.junit.jupiter.api.Test;

/** 005_gen_throw_uncaught: an uncaught thrown exception runs finally, propagates as the same object, closes. */
class Scenario005GenThrowUncaughtTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            try {
                y.yield(1);
                y.yield(2);
            } finally {
                t.print("gen: finally");
            }
        });
        g.next();
        Py.ValueError err = new Py.ValueError("bad");
        try {
            g.throwIn(err);
        } catch (Py.ValueError e) {
            t.print("propagated:", e.getMessage(), "same object:", e == err);
        }
        t.print("state:", "GEN_" + g.state());
        try {
            g.next();
        } catch (StopIteration e) {
            t.print("next after -> StopIteration value", e.value());
        }

        Generator<String, Object, String> g2 = Generator.of(y -> {
            try {
                y.yield("x");
            } catch (Py.ValueError e) {
                t.print("gen2: caught, returning");
                return "ret-from-handler";
            }
            return null;
        });
        g2.next();
        try {
            g2.throwIn(new Py.ValueError("q"));
        } catch (StopIteration e) {
            t.print("throw -> StopIteration value =", e.value());
        }
        t.print("state:", "GEN_" + g2.state());
        t.assertMatches("005_gen_throw_uncaught");
    }
}
