package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.context.Context;
import dev.aiobridge.context.ContextVar;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 411_contextvars_callbacks_and_gather: callbacks run in a copy (or the given context); gather children get copies. */
class Scenario411ContextvarsCallbacksAndGatherTest {
    private final Trace t = new Trace();
    private final ContextVar<String> var = ContextVar.withDefault("var", "unset");

    private Runnable cb(String tag) {
        return () -> {
            t.print(tag, "callback sees", var.get());
            var.set(tag + "-changed-in-callback");
        };
    }

    private Coroutine<String> setter(String v) {
        return Coroutine.of(a -> {
            var.set(v);
            a.await(AsyncIO.sleep(0));
            return var.get();
        });
    }

    @Test
    void trace() {
        new Context().run(() -> Py.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            var.set("A");
            loop.callSoon(cb("first"));
            var.set("B");
            loop.callSoon(cb("second"));
            Context ctx = Context.copyCurrent();
            ctx.run(() -> var.set("C-in-explicit-context"));
            loop.callSoon(cb("third"), ctx);
            a.await(AsyncIO.sleep(0));
            t.print("main after callbacks:", var.get(), "| explicit ctx now:", ctx.get(var));
            Object res = a.await(AsyncIO.gather(setter("g1"), setter("g2")));
            t.print("gather children saw:", res, "| main still:", var.get());
            String r = a.await(setter("direct-await"));
            t.print("direct await returned", r, "| main now:", var.get());
        })));
        t.assertMatches("411_contextvars_callbacks_and_gather");
    }
}
