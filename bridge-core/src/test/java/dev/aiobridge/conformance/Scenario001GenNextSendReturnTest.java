package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 001_gen_next_send_return: next is send(null); return v gives StopIteration.value v; after exhaustion
 * every next/send raises StopIteration with a null value. Python's {@code e.args} is the one-element
 * list of the value, printed from {@link StopIteration#value()}.
 */
class Scenario001GenNextSendReturnTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        Generator<String, Object, String> g = Generator.of(y -> {
            t.print("gen: started");
            Object a = y.yield("first");
            t.print("gen: a =", a);
            Object b = y.yield("second");
            t.print("gen: b =", b);
            Object c = y.yield("third");
            t.print("gen: c =", c);
            return "done-value";
        });
        t.print("created, nothing ran yet");
        t.print("next ->", g.next());
        t.print("send(10) ->", g.send(10));
        t.print("send(None) ->", g.send(null));
        try {
            g.send("last");
        } catch (StopIteration e) {
            t.print("StopIteration value =", e.value(), "args =", List.of(e.value()));
        }
        for (String attempt : List.of("next", "send")) {
            try {
                if (attempt.equals("next")) {
                    g.next();
                } else {
                    g.send(null);
                }
            } catch (StopIteration e) {
                t.print("after exhaustion", attempt, "-> StopIteration value =", e.value());
            }
        }

        Generator<Integer, Object, Void> g2 = Generator.ofVoid(y -> y.yield(1));
        t.print("next ->", g2.next());
        try {
            g2.next();
        } catch (StopIteration e) {
            t.print("implicit return -> StopIteration value =", e.value());
        }

        // a for loop consumes the generator and discards the return value
        List<Integer> fromGenexpr = new ArrayList<>();
        Generator.<Integer, Object>ofVoid(y -> y.yieldFrom(List.of(1, 2, 3))).forEach(fromGenexpr::add);
        t.print("list(genexpr) ->", fromGenexpr);

        Generator<String, Object, String> withReturn = Generator.of(y -> {
            y.yield("a");
            y.yield("b");
            return "ignored-by-for";
        });
        List<String> collected = new ArrayList<>();
        for (String v : withReturn) {
            collected.add(v);
        }
        t.print("for collected", collected);

        t.assertMatches("001_gen_next_send_return");
    }
}
