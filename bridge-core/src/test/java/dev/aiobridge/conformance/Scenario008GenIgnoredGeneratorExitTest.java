package dev.aiobridge.conformance;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.GeneratorExit;
import dev.aiobridge.builtins.StopIteration;
import org.junit.jupiter.api.Test;

/**
 * 008_gen_ignored_generatorexit: yielding in response to close() is "generator ignored GeneratorExit"
 * (RuntimeError: Java's IllegalStateException) and the generator stays suspended; another exception
 * propagates; a return is fine (close() returns the value, as 3.13); a yield inside finally during close
 * leaves the GeneratorExit pending, raised from a later next(). Python's implicit {@code __context__}
 * is an explicit cause in Java.
 */
class Scenario008GenIgnoredGeneratorExitTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        Generator<String, Object, Void> stubborn = Generator.ofVoid(y -> {
            try {
                y.yield("a");
            } catch (GeneratorExit e) {
                t.print("stubborn: got GeneratorExit, yielding anyway");
                y.yield("b");
            }
            t.print("stubborn: finishing");
        });
        stubborn.next();
        try {
            stubborn.close();
        } catch (RuntimeError e) {
            t.print("RuntimeError:", e.getMessage());
        }
        t.print("state:", "GEN_" + stubborn.state());
        try {
            stubborn.next();
        } catch (StopIteration e) {
            t.print("then exhausted normally");
        }

        Generator<Integer, Object, Void> converter = Generator.ofVoid(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit e) {
                throw new Py.ValueError("raised while closing").initCause(e);
            }
        });
        converter.next();
        try {
            converter.close();
        } catch (Py.ValueError e) {
            t.print("close raised ValueError:", e.getMessage(), "| context:", e.getCause().getClass().getSimpleName());
        }
        t.print("state:", "GEN_" + converter.state());

        Generator<Integer, Object, Integer> returner = Generator.of(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit e) {
                t.print("returner: returning 99");
                return 99;
            }
            return null;
        });
        returner.next();
        returner.close();
        t.print("close returned");
        t.print("state:", "GEN_" + returner.state());

        Generator<Object, Object, Void> yieldsInFinally = Generator.ofVoid(y -> {
            try {
                y.yield(1);
            } finally {
                t.print("yields_in_finally: finally");
                y.yield("from-finally");
                t.print("yields_in_finally: after finally-yield");
            }
        });
        yieldsInFinally.next();
        try {
            yieldsInFinally.close();
        } catch (RuntimeError e) {
            t.print("RuntimeError:", e.getMessage());
        }
        t.print("state:", "GEN_" + yieldsInFinally.state());
        try {
            yieldsInFinally.next();
        } catch (StopIteration e) {
            t.print("then exhausted normally (WRONG)");
        } catch (GeneratorExit e) {
            t.print("next() raised the pending GeneratorExit");
        }
        t.print("state:", "GEN_" + yieldsInFinally.state());
        t.assertMatches("008_gen_ignored_generatorexit");
    }
}
