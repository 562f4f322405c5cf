package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.GeneratorExit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * x01_close_cascade (ours, traced with CPython 3.11): close() through inline yieldFrom levels closes
 * the innermost first; a sub that returns in response still leaves the delegator a GeneratorExit; a sub
 * that raises another error hands it to the delegator.
 */
class ScenarioX01CloseCascadeTest {
    private final Trace t = new Trace();

    private Generator<String, Object, Integer> swallower() {
        return Generator.of(y -> {
            try {
                y.yield("s1");
            } catch (GeneratorExit e) {
                t.print("swallower: GeneratorExit, returning 5");
                return 5;
            } finally {
                t.print("swallower: finally");
            }
            return null;
        });
    }

    private Generator<String, Object, Void> middle(Generator<String, Object, ?> sub) {
        return Generator.ofVoid(y -> {
            try {
                Object r = y.yieldFrom(sub);
                t.print("middle: yield from returned", r);
                y.yield("middle-after");
            } catch (GeneratorExit e) {
                t.print("middle: GeneratorExit at yield from");
                throw e;
            } catch (Py.ValueError e) {
                t.print("middle: ValueError at yield from:", e.getMessage());
                throw e;
            } finally {
                t.print("middle: finally");
            }
        });
    }

    private Generator<String, Object, Void> outer(Generator<String, Object, ?> sub) {
        return Generator.ofVoid(y -> {
            try {
                y.yieldFrom(middle(sub));
            } catch (GeneratorExit e) {
                t.print("outer: GeneratorExit");
                throw e;
            } finally {
                t.print("outer: finally");
            }
        });
    }

    @Test
    void trace() {
        Generator<String, Object, Void> g = outer(swallower());
        t.print("next ->", g.next());
        t.print("close ->", g.close());
        t.print("state", "GEN_" + g.state());

        Generator<String, Object, Void> raiser = Generator.ofVoid(y -> {
            try {
                y.yield("r1");
            } catch (GeneratorExit e) {
                t.print("raiser: GeneratorExit -> ValueError");
                throw new Py.ValueError("from close");
            }
        });
        g = outer(raiser);
        t.print("next ->", g.next());
        try {
            g.close();
        } catch (Py.ValueError e) {
            t.print("close raised ValueError:", e.getMessage());
        }
        t.print("state", "GEN_" + g.state());

        Generator<String, Object, String> returnerMiddle = Generator.of(y -> {
            try {
                y.yieldFrom(swallower());
            } catch (GeneratorExit e) {
                t.print("returner_middle: GeneratorExit, delegating again during close");
                y.yieldFrom(List.of());
                t.print("returner_middle: empty delegation returned", (Object) null);
                return "rm";
            }
            return null;
        });
        Generator<String, Object, Void> top = Generator.ofVoid(y -> {
            String r = y.yieldFrom(returnerMiddle);
            t.print("top: never here", r);
        });
        top.next();
        top.close();
        t.print("state", "GEN_" + top.state());
        t.assertMatches("x01_close_cascade");
    }
}
