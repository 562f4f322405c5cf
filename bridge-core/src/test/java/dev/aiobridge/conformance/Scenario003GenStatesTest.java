package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** 003_gen_states: CREATED, RUNNING (seen from inside), SUSPENDED, CLOSED; gi_running is isRunning(). */
class Scenario003GenStatesTest {
    private final Trace t = new Trace();

    private static String py(boolean b) {
        return b ? "True" : "False";
    }

    @Test
    void trace() {
        AtomicReference<Generator<Integer, Object, Void>> holder = new AtomicReference<>();
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            Generator<Integer, Object, Void> me = holder.get();
            t.print("inside: state =", "GEN_" + me.state(), "gi_running =", py(me.isRunning()));
            y.yield(1);
            t.print("inside again: state =", "GEN_" + me.state());
            y.yield(2);
        });
        holder.set(g);
        t.print("1:", "GEN_" + g.state(), py(g.isRunning()));
        g.next();
        t.print("2:", "GEN_" + g.state(), py(g.isRunning()));
        g.next();
        t.print("3:", "GEN_" + g.state());
        try {
            g.next();
        } catch (StopIteration e) {
            t.print("4: StopIteration ->", "GEN_" + g.state());
        }

        Generator<Integer, Object, Void> f = failing();
        f.next();
        try {
            f.next();
        } catch (Py.ValueError e) {
            t.print("5: ValueError", e.getMessage(), "->", "GEN_" + f.state());
        }
        Generator<Integer, Object, Void> c = failing();
        c.next();
        c.close();
        t.print("6: after close ->", "GEN_" + c.state());
        Generator<Integer, Object, Void> u = failing();
        u.close();
        t.print("7: close of never-started ->", "GEN_" + u.state());
        t.assertMatches("003_gen_states");
    }

    private static Generator<Integer, Object, Void> failing() {
        return Generator.ofVoid(y -> {
            y.yield(1);
            throw new Py.ValueError("boom");
        });
    }
}
