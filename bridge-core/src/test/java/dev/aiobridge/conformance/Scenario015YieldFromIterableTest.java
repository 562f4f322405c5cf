package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 015_yield_from_iterable: yieldFrom accepts any Iterable (list, range, string characters, a
 * generator, an empty collection) and returns null. While delegating to a plain iterator, a non-null
 * send raises UnsupportedOperationException (Python's AttributeError "'list_iterator' object has no
 * attribute 'send'": the Java message names the iterator's class, so the trace prints CPython's type
 * name) at the yieldFrom, and a throw-in is raised at the yieldFrom; the delegator can catch both.
 */
class Scenario015YieldFromIterableTest {
    private final Trace t = new Trace();

    private Generator<Object, Object, Void> deleg() {
        return Generator.ofVoid(y -> {
            try {
                y.yieldFrom(List.of(1, 2, 3));
            } catch (UnsupportedOperationException e) {
                t.print("deleg: caught AttributeError:", e.getMessage()
                        .replaceFirst("^'[^']*'", "'list_iterator'"));
            } catch (Py.ValueError e) {
                t.print("deleg: caught ValueError:", e.getMessage());
            }
            y.yield("deleg-end");
        });
    }

    @Test
    void trace() {
        Generator<Object, Object, Void> chain = Generator.ofVoid(y -> {
            y.yieldFrom(List.of(1, 2)); // void: for a plain iterable Python's value is always None
            t.print("list yield-from value:", (Object) null);
            y.yieldFrom(IntStream.range(3, 5).boxed().toList());
            y.yieldFrom(List.of("a", "b"));
            y.yieldFrom(Generator.<Object, Object>ofVoid(x -> {
                for (int i : List.of(1, 2)) {
                    x.yield(i * 10);
                }
            }));
            y.yieldFrom(List.of());
        });
        List<Object> values = new ArrayList<>();
        chain.forEach(values::add);
        t.print("values:", values);

        Generator<Object, Object, Void> g = deleg();
        t.print("next ->", g.next());
        t.print("send(None) ->", g.send(null));
        t.print("send(5) ->", g.send(5));

        g = deleg();
        t.print("next ->", g.next());
        t.print("throw ->", g.throwIn(new Py.ValueError("into list delegation")));

        g = deleg();
        g.next();
        g.close();
        t.print("close while delegating to list: ok");
        t.assertMatches("015_yield_from_iterable");
    }
}
