package dev.aiobridge.conformance;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * x03_pep479_and_unstarted_throw (ours, traced with CPython 3.11): PEP 479 (RuntimeError is Java's
 * IllegalStateException, with the StopIteration as its cause), also through yieldFrom; throwIn into a
 * never-started generator runs nothing and closes it; throwIn into a closed one raises the exception.
 */
class ScenarioX03Pep479AndUnstartedThrowTest {
    private final Trace t = new Trace();

    private static Generator<String, Object, Void> leaky() {
        return Generator.ofVoid(y -> {
            y.yield("l1");
            Generator<Object, Object, Void> empty = Generator.ofVoid(e -> {
            });
            empty.next(); // StopIteration escapes
            y.yield("never");
        });
    }

    @Test
    void trace() {
        Generator<String, Object, Void> g = leaky();
        t.print("next ->", g.next());
        try {
            g.next();
        } catch (RuntimeError e) {
            t.print("RuntimeError:", e.getMessage(), "| cause:", e.getCause().getClass().getSimpleName());
        }
        t.print("state", "GEN_" + g.state());

        Generator<String, Object, Void> deleg = Generator.ofVoid(y -> {
            try {
                y.yieldFrom(leaky());
            } catch (RuntimeError e) {
                t.print("deleg caught RuntimeError:", e.getMessage());
            }
            y.yield("deleg-end");
        });
        List<String> values = new ArrayList<>();
        deleg.forEach(values::add);
        t.print("values:", values);

        Generator<Integer, Object, Void> body = Generator.ofVoid(y -> {
            t.print("body ran (must not happen)");
            try {
                y.yield(1);
            } finally {
                t.print("finally ran (must not happen)");
            }
        });
        try {
            body.throwIn(new Py.ValueError("early"));
        } catch (Py.ValueError e) {
            t.print("throw into unstarted raised:", e.getMessage());
        }
        t.print("state", "GEN_" + body.state());
        try {
            body.next();
        } catch (StopIteration e) {
            t.print("next after -> StopIteration");
        }
        try {
            body.throwIn(new Py.KeyError("late"));
        } catch (Py.KeyError e) {
            t.print("throw into closed raised:", e.getMessage());
        }
        t.assertMatches("x03_pep479_and_unstarted_throw");
    }
}
