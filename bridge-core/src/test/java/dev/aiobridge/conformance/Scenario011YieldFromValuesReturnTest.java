package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 011_yield_from_values_return: yieldFrom re-yields the sub's values and returns its return value
 * (three levels); delegating to an exhausted generator returns null at once; a sub's exception is
 * raised at the yieldFrom. Python's {@code list(gen)} is a Java for-each into a list.
 */
class Scenario011YieldFromValuesReturnTest {
    private final Trace t = new Trace();

    private static Generator<String, Object, String> inner() {
        return Generator.of(y -> {
            y.yield("i1");
            y.yield("i2");
            return "inner-result";
        });
    }

    private Generator<String, Object, String> middle() {
        return Generator.of(y -> {
            String r = y.yieldFrom(inner());
            t.print("middle: inner returned", r);
            y.yield("m1");
            return "middle-result(" + r + ")";
        });
    }

    private Generator<String, Object, String> outer() {
        return Generator.of(y -> {
            String r = y.yieldFrom(middle());
            t.print("outer: middle returned", r);
            return "outer-result";
        });
    }

    private static <T> List<T> list(Iterable<T> gen) {
        List<T> out = new ArrayList<>();
        gen.forEach(out::add);
        return out;
    }

    @Test
    void trace() {
        Generator<String, Object, String> g = outer();
        while (true) {
            try {
                t.print("yielded", g.next());
            } catch (StopIteration e) {
                t.print("outer StopIteration value", e.value());
                break;
            }
        }

        Generator<String, Object, String> spent = inner();
        list(spent);
        Generator<String, Object, Void> usesSpent = Generator.ofVoid(y -> {
            String r = y.yieldFrom(spent);
            t.print("delegating to exhausted gen returned", r);
            y.yield("after");
        });
        t.print("values:", list(usesSpent));

        Generator<String, Object, Void> catcher = Generator.ofVoid(y -> {
            try {
                y.yieldFrom(Generator.<String, Object>ofVoid(f -> {
                    f.yield("f1");
                    throw new Py.ValueError("sub failed");
                }));
            } catch (Py.ValueError e) {
                t.print("catcher: caught", e.getMessage());
            }
            y.yield("catcher-continues");
        });
        t.print("values:", list(catcher));
        t.assertMatches("011_yield_from_values_return");
    }
}
