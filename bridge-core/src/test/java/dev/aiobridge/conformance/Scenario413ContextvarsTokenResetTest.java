package dev.aiobridge.conformance;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.context.Context;
import dev.aiobridge.context.ContextVar;
import dev.aiobridge.context.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * 413_contextvars_token_reset: get/default, Token.MISSING, reset once only (RuntimeError: Java's
 * IllegalStateException), a foreign token (ValueError: IllegalArgumentException), shallow copies.
 * LookupError is NoSuchElementException.
 */
class Scenario413ContextvarsTokenResetTest {
    private final Trace t = new Trace();

    private static String tail(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return m.substring(m.lastIndexOf('>') + 1).strip();
    }

    @Test
    void trace() {
        new Context().run(() -> {
            ContextVar<String> v = ContextVar.of("v");
            t.print("name:", v.name());
            try {
                v.get();
            } catch (NoSuchElementException e) {
                t.print("get() with no value -> LookupError");
            }
            t.print("get('fallback') ->", v.get("fallback"));
            Token<String> t1 = v.set("one");
            t.print("first token old_value is MISSING:", t1.oldValue() == Token.MISSING);
            Token<String> t2 = v.set("two");
            t.print("second token old_value:", t2.oldValue(), "| now:", v.get());
            v.reset(t2);
            t.print("after reset(t2):", v.get());
            try {
                v.reset(t2);
            } catch (RuntimeError e) {
                t.print("reset twice -> RuntimeError:", tail(e));
            }
            v.reset(t1);
            t.print("after reset(t1) has value:", v.get("<none>"));
            Token<String> tok = v.set("outer");
            Context ctx = Context.copyCurrent();
            ctx.run(() -> {
                try {
                    v.reset(tok);
                } catch (ValueError e) {
                    t.print("reset in other context -> ValueError:", tail(e));
                }
            });
            ContextVar<List<String>> shared = ContextVar.of("shared");
            shared.set(new ArrayList<>());
            Context ctx2 = Context.copyCurrent();
            ctx2.run(() -> shared.get().add("added-in-copy"));
            t.print("mutable value shared between copies:", shared.get());
            t.print("ctx2 has var:", ctx2.containsKey(shared), "| len(ctx2) >= 2:", ctx2.size() >= 2);
        });
        t.assertMatches("413_contextvars_token_reset");
    }
}
