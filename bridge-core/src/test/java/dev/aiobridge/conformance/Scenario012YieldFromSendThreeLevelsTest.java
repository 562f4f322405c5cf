package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import org.junit.jupiter.api.Test;

/** 012_yield_from_send_three_levels: send() reaches the innermost generator through every level. */
class Scenario012YieldFromSendThreeLevelsTest {
    private final Trace t = new Trace();

    private Generator<Object, Object, Integer> innermost() {
        return Generator.of(y -> {
            int total = 0;
            while (true) {
                Object x = y.yield(total);
                t.print("innermost: received", x);
                if (x == null) {
                    return total;
                }
                total += (Integer) x;
            }
        });
    }

    private Generator<Object, Object, Integer> middle() {
        return Generator.of(y -> {
            t.print("middle: start");
            int r = y.yieldFrom(innermost());
            t.print("middle: innermost returned", r);
            Object r2 = y.yield("middle-done:" + r);
            t.print("middle: received directly", r2);
            return r * 10;
        });
    }

    @Test
    void trace() {
        Generator<Object, Object, Void> g = Generator.ofVoid(y -> {
            int r = y.yieldFrom(middle());
            t.print("outer: middle returned", r);
            y.yield("outer-last");
        });
        t.print("next ->", g.next());
        t.print("send(1) ->", g.send(1));
        t.print("send(2) ->", g.send(2));
        t.print("send(3) ->", g.send(3));
        t.print("send(None) ->", g.send(null));
        t.print("send('direct') ->", g.send("direct"));
        try {
            g.next();
        } catch (StopIteration e) {
            t.print("done, value", e.value());
        }
        t.assertMatches("012_yield_from_send_three_levels");
    }
}
