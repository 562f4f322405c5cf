package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.GeneratorExit;
import dev.aiobridge.builtins.StopIteration;
import org.junit.jupiter.api.Test;

/**
 * 007_gen_close: close() raises GeneratorExit at the yield; a never-started generator runs nothing;
 * closing a closed one does nothing. GeneratorExit is Python's BaseException: in Java an Error, so
 * {@code catch (Exception e)} does not catch it; the last two lines check that with the Java types.
 */
class Scenario007GenCloseTest {
    private final Trace t = new Trace();

    private Generator<Integer, Object, Void> gen(String tag) {
        return Generator.ofVoid(y -> {
            t.print(tag, "started");
            try {
                try {
                    y.yield(1);
                    y.yield(2);
                } catch (Exception e) {
                    t.print(tag, "except Exception (must not happen)");
                }
            } catch (GeneratorExit e) {
                t.print(tag, "except GeneratorExit");
                throw e;
            } finally {
                t.print(tag, "finally");
            }
        });
    }

    @Test
    void trace() {
        Generator<Integer, Object, Void> g = gen("A");
        g.next();
        t.print("close ->", g.close());
        t.print("state", "GEN_" + g.state());
        t.print("close again ->", g.close());

        g = gen("B");
        t.print("closing never-started B");
        g.close();
        t.print("state", "GEN_" + g.state());
        try {
            g.next();
        } catch (StopIteration e) {
            t.print("next on closed B -> StopIteration");
        }

        g = gen("C");
        g.next();
        g.next();
        try {
            g.next();
        } catch (StopIteration e) {
            t.print("C exhausted");
        }
        t.print("close exhausted C ->", g.close());

        t.print("GeneratorExit is Exception subclass:", Exception.class.isAssignableFrom(GeneratorExit.class));
        t.print("GeneratorExit is BaseException subclass:", Throwable.class.isAssignableFrom(GeneratorExit.class));
        t.assertMatches("007_gen_close");
    }
}
