package dev.aiobridge.conformance;

import dev.aiobridge.builtins.TypeError;
import dev.aiobridge.generator.Generator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 002_gen_priming_rule: a non-null send to a just-started generator raises (Python's TypeError is
 * Java's IllegalArgumentException) without running or closing it. {@code inspect.getgeneratorstate}
 * is {@link Generator#state()}, printed with Python's GEN_ prefix. The Python type names of the
 * falsy values (int, str, bool, list) are the scenario's labels.
 */
class Scenario002GenPrimingRuleTest {
    private final Trace t = new Trace();

    private Generator<String, Object, Void> gen() {
        return Generator.ofVoid(y -> {
            t.print("gen: body started");
            Object x = y.yield("ready");
            t.print("gen: received", x);
            y.yield("after " + Py.str(x));
        });
    }

    @Test
    void trace() {
        Generator<String, Object, Void> g = gen();
        t.print("state:", "GEN_" + g.state());
        try {
            g.send(42);
        } catch (TypeError e) {
            t.print("TypeError:", e.getMessage());
        }
        t.print("state after failed send:", "GEN_" + g.state());
        t.print("send(None) ->", g.send(null));
        t.print("state:", "GEN_" + g.state());
        t.print("send(42) ->", g.send(42));
        g.close();
        t.print("state after close:", "GEN_" + g.state());

        record Falsy(String typeName, Object value) {
        }
        for (Falsy v : List.of(new Falsy("int", 0), new Falsy("str", ""), new Falsy("bool", false),
                new Falsy("list", List.of()))) {
            Generator<String, Object, Void> g3 = gen();
            try {
                g3.send(v.value());
            } catch (TypeError e) {
                t.print("send(" + v.typeName() + ") TypeError: " + e.getMessage());
            }
            g3.close();
        }
        t.assertMatches("002_gen_priming_rule");
    }
}
