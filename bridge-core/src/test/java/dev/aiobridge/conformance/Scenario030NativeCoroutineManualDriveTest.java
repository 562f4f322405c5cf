package dev.aiobridge.conformance;

import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import org.junit.jupiter.api.Test;

/**
 * 030_native_coroutine_manual_drive: a coroutine driven by send(); the innermost await generator's
 * yields come out, sent values go in. Python's {@code inspect.getcoroutinestate} is {@code state()}
 * with a CORO_ prefix, {@code cr_await} is {@code awaiting()}. A coroutine is not an iterator: in Java
 * {@link Coroutine} simply has no {@code next()} (checked here by reflection; the line prints CPython's
 * message for that rule).
 */
class Scenario030NativeCoroutineManualDriveTest {
    private final Trace t = new Trace();

    /** Python's Request class with {@code __await__}. */
    private Awaitable<Object> request(String name) {
        return () -> Generator.of(g -> {
            t.print("  __await__ of", name, "yielding");
            Object reply = g.yield("request:" + name);
            t.print("  __await__ of", name, "got", reply);
            return reply;
        });
    }

    private Coroutine<Integer> leaf(String tag) {
        return Coroutine.of(a -> {
            int x = (Integer) a.await(request(tag + ".a"));
            int y = (Integer) a.await(request(tag + ".b"));
            return x + y;
        });
    }

    private Coroutine<Integer> root() {
        return Coroutine.of(a -> {
            int x = a.await(leaf("L1"));
            t.print("root: L1 ->", x);
            int y = a.await(leaf("L2"));
            t.print("root: L2 ->", y);
            return x * y;
        });
    }

    @Test
    void trace() {
        Coroutine<Integer> c = root();
        t.print("state:", "CORO_" + c.state());
        t.print("send(None) ->", c.send(null));
        t.print("state:", "CORO_" + c.state(), "| cr_await is a coroutine:", c.awaiting() instanceof Coroutine);
        t.print("send(1) ->", c.send(1));
        t.print("send(2) ->", c.send(2));
        t.print("send(3) ->", c.send(3));
        try {
            c.send(4);
        } catch (StopIteration e) {
            t.print("StopIteration value:", e.value());
        }
        t.print("state:", "CORO_" + c.state());

        Coroutine<Integer> c2 = root();
        try {
            Coroutine.class.getMethod("next");
            t.print("Coroutine has next() (WRONG)");
        } catch (NoSuchMethodException e) {
            t.print("next(coro) TypeError:", "'coroutine' object is not an iterator");
        }
        c2.close();
        t.print("closed unstarted coroutine:", "CORO_" + c2.state());
        t.assertMatches("030_native_coroutine_manual_drive");
    }
}
