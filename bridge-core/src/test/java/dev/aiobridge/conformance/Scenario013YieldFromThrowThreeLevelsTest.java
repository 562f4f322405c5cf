package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import org.junit.jupiter.api.Test;

/**
 * 013_yield_from_throw_three_levels: throwIn reaches the innermost generator; caught and yielding, its
 * value comes back; uncaught, it unwinds innermost to outer, each level's catch/finally in that order,
 * and leaves as the same object.
 */
class Scenario013YieldFromThrowThreeLevelsTest {
    private final Trace t = new Trace();

    private Generator<String, Object, Void> innermost() {
        return Generator.ofVoid(y -> {
            while (true) {
                try {
                    y.yield("inner-waiting");
                } catch (Py.ValueError e) {
                    t.print("innermost: caught ValueError", e.getMessage());
                    y.yield("inner-recovered");
                } finally {
                    t.print("innermost: finally");
                }
            }
        });
    }

    private Generator<String, Object, Void> middle() {
        return Generator.ofVoid(y -> {
            try {
                y.yieldFrom(innermost());
            } catch (Py.KeyError e) {
                t.print("middle: saw KeyError, re-raising");
                throw e;
            } finally {
                t.print("middle: finally");
            }
        });
    }

    private Generator<String, Object, Void> outer() {
        return Generator.ofVoid(y -> {
            try {
                y.yieldFrom(middle());
            } catch (Py.KeyError e) {
                t.print("outer: saw KeyError, re-raising");
                throw e;
            } finally {
                t.print("outer: finally");
            }
        });
    }

    @Test
    void trace() {
        Generator<String, Object, Void> g = outer();
        t.print("next ->", g.next());
        t.print("throw(ValueError) ->", g.throwIn(new Py.ValueError("v")));
        t.print("next ->", g.next());
        Py.KeyError err = new Py.KeyError("k");
        try {
            g.throwIn(err);
        } catch (Py.KeyError e) {
            t.print("outer throw raised KeyError, same object:", e == err);
        }
        try {
            g.next();
        } catch (StopIteration e) {
            t.print("outer closed");
        }
        t.assertMatches("013_yield_from_throw_three_levels");
    }
}
