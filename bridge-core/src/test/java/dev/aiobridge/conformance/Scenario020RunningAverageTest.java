package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import org.junit.jupiter.api.Test;

/**
 * 020_running_average: the classic averager. A bad term ({@code send("spam")}, Python's TypeError on
 * {@code total += term}) is a ClassCastException in Java: it propagates and closes the generator.
 */
class Scenario020RunningAverageTest {
    private final Trace t = new Trace();

    private static Generator<Double, Object, Void> averager() {
        return Generator.ofVoid(y -> {
            double total = 0.0;
            int count = 0;
            Double average = null;
            while (true) {
                Number term = (Number) y.yield(average);
                total += term.doubleValue();
                count++;
                average = total / count;
            }
        });
    }

    @Test
    void trace() {
        Generator<Double, Object, Void> coroAvg = averager();
        t.print("primed ->", coroAvg.next());
        t.print("send(10) ->", coroAvg.send(10));
        t.print("send(30) ->", coroAvg.send(30));
        t.print("send(5) ->", coroAvg.send(5));
        t.print("state:", "GEN_" + coroAvg.state());
        coroAvg.close();
        t.print("after close:", "GEN_" + coroAvg.state());

        coroAvg = averager();
        coroAvg.next();
        t.print("send(40) ->", coroAvg.send(40));
        t.print("send(50) ->", coroAvg.send(50));
        try {
            coroAvg.send("spam");
        } catch (ClassCastException e) {
            t.print("send('spam') -> TypeError");
        }
        t.print("state:", "GEN_" + coroAvg.state());
        try {
            coroAvg.send(60);
        } catch (StopIteration e) {
            t.print("send(60) -> StopIteration (coroutine is dead)");
        }
        t.assertMatches("020_running_average");
    }
}
