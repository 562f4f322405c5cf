package dev.aiobridge.conformance;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.generator.Generator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * 009_gen_already_executing: next/send/throw/close on itself while running raise "generator already
 * executing" (ValueError: Java's IllegalStateException), which the body can catch.
 */
class Scenario009GenAlreadyExecutingTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        AtomicReference<Generator<String, Object, Void>> holder = new AtomicReference<>();
        Generator<String, Object, Void> g = Generator.ofVoid(y -> {
            Generator<String, Object, Void> me = holder.get();
            for (String op : List.of("next", "send", "throw", "close")) {
                try {
                    switch (op) {
                        case "next" -> me.next();
                        case "send" -> me.send(1);
                        case "throw" -> me.throwIn(new Py.KeyError("k"));
                        default -> me.close();
                    }
                } catch (ValueError e) {
                    t.print(String.format("inside, %s on self -> ValueError: %s", op, e.getMessage()));
                }
            }
            y.yield("survived");
        });
        holder.set(g);
        t.print("next ->", g.next());
        g.close();
        t.print("closed");
        t.assertMatches("009_gen_already_executing");
    }
}
