package dev.aiobridge.conformance;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.coroutine.Coroutine;
import org.junit.jupiter.api.Test;

/** 139_loop_running_errors: RuntimeError (IllegalStateException) messages for loop misuse. */
class Scenario139LoopRunningErrorsTest {
    private final Trace t = new Trace();

    private static String fmt(Throwable e) {
        return "RuntimeError: " + e.getMessage();
    }

    private static Coroutine<Void> nothing() {
        return Coroutine.ofVoid(a -> {
        });
    }

    @Test
    void trace() {
        try {
            AsyncIO.getRunningLoop();
        } catch (RuntimeError e) {
            t.print("get_running_loop outside ->", fmt(e));
        }
        AsyncIO.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            t.print("inside: get_running_loop is loop:", AsyncIO.getRunningLoop() == loop, "| is_running:",
                    loop.isRunning());
            Coroutine<Void> c = nothing();
            try {
                loop.runUntilComplete(c);
            } catch (RuntimeError e) {
                t.print("run_until_complete while running ->", fmt(e));
            }
            c.close();
            try {
                loop.runForever();
            } catch (RuntimeError e) {
                t.print("run_forever while running ->", fmt(e));
            }
            c = nothing();
            try {
                AsyncIO.run(c);
            } catch (RuntimeError e) {
                t.print("asyncio.run inside loop ->", fmt(e));
            }
            c.close();
        }));
        EventLoop loop = AsyncIO.newEventLoop();
        t.print("new loop is_running:", loop.isRunning(), "| is_closed:", loop.isClosed());
        loop.close();
        loop.close();
        t.print("close twice ok | is_closed:", loop.isClosed());
        try {
            loop.callSoon(() -> t.print("x"));
        } catch (RuntimeError e) {
            t.print("call_soon on closed loop ->", fmt(e));
        }
        Coroutine<Void> c = nothing();
        try {
            loop.runUntilComplete(c);
        } catch (RuntimeError e) {
            t.print("run_until_complete on closed loop ->", fmt(e));
        }
        c.close();
        t.assertMatches("139_loop_running_errors");
    }
}
