package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import org.junit.jupiter.api.Test;

/**
 * x02_direct_drive_and_started_sub (ours, traced with CPython 3.11): a sub driven directly while its
 * delegator waits in yieldFrom (here the sub runs inline on the delegator's continuation: the rule holds
 * anyway); delegation to an already started generator forwards send, throw and close; gi_yieldfrom is
 * {@link Generator#yieldingFrom()}.
 */
class ScenarioX02DirectDriveAndStartedSubTest {
    private final Trace t = new Trace();

    private Generator<String, Object, String> sub() {
        return Generator.of(y -> {
            Object x = y.yield("sub-1");
            t.print("sub got", x);
            Object z = y.yield("sub-2");
            t.print("sub got", z);
            return "sub-result";
        });
    }

    private Generator<String, Object, Void> deleg(Generator<String, Object, String> s) {
        return Generator.ofVoid(y -> {
            String r = y.yieldFrom(s);
            t.print("deleg: yield from returned", r);
            y.yield("deleg-after");
        });
    }

    private static String state(Generator<?, ?, ?> g) {
        return "GEN_" + g.state();
    }

    @Test
    void trace() {
        Generator<String, Object, String> s = sub();
        Generator<String, Object, Void> d = deleg(s);
        t.print("d next ->", d.next());
        t.print("states", state(d), state(s));
        t.print("s send(a) ->", s.send("a"));
        t.print("states", state(d), state(s));
        try {
            s.send("b");
        } catch (StopIteration e) {
            t.print("s ended directly, value", e.value());
        }
        t.print("states", state(d), state(s));
        t.print("d send(c) ->", d.send("c"));

        Generator<String, Object, String> s2 = sub();
        t.print("s2 next ->", s2.next());
        Generator<String, Object, Void> d2 = Generator.ofVoid(y -> {
            try {
                String r = y.yieldFrom(s2);
                t.print("deleg2: returned", r);
            } catch (Py.KeyError e) {
                t.print("deleg2: KeyError", e.getMessage());
            }
            y.yield("deleg2-end");
        });
        t.print("d2 next ->", d2.next());
        t.print("d2 send(x) ->", d2.send("x"));

        Generator<String, Object, String> s3 = sub();
        s3.next();
        Generator<String, Object, Void> d3 = Generator.ofVoid(y -> {
            try {
                y.yieldFrom(s3);
            } catch (Py.KeyError e) {
                t.print("deleg3: KeyError", e.getMessage());
            }
            y.yield("deleg3-end");
        });
        t.print("d3 next ->", d3.next());
        t.print("d3 throw ->", d3.throwIn(new Py.KeyError("kk")));
        t.print("s3 state", state(s3));

        Generator<Integer, Object, Void> s4 = Generator.ofVoid(y -> {
            try {
                y.yield(1);
                y.yield(2);
            } finally {
                t.print("sub_fin: finally");
            }
        });
        s4.next();
        Generator<Integer, Object, Void> d4 = Generator.ofVoid(y -> {
            try {
                y.yieldFrom(s4);
            } finally {
                t.print("deleg4: finally");
            }
        });
        t.print("d4 next ->", d4.next());
        d4.close();
        t.print("closed: d4", state(d4), "s4", state(s4));

        Generator<String, Object, String> s5 = sub();
        Generator<String, Object, Void> d5 = deleg(s5);
        d5.next();
        t.print("d5.gi_yieldfrom is s5:", d5.yieldingFrom() == s5);
        d5.close();
        t.print("after close gi_yieldfrom:", d5.yieldingFrom());
        t.assertMatches("x02_direct_drive_and_started_sub");
    }
}
