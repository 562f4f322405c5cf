package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.builtins.TypeError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.InvalidStateError;
import dev.aiobridge.builtins.StopIteration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 100_future_states_errors. Python's {@code set_exception(ValueError)} instantiates the class; Java passes
 * an instance. Python's TypeError for StopIteration is IllegalArgumentException.
 */
class Scenario100FutureStatesErrorsTest {
    private final Trace t = new Trace();

    private static String fmt(Throwable e) {
        String name = e instanceof InvalidStateError ? "InvalidStateError"
                : e instanceof TypeError ? "TypeError" : e.getClass().getSimpleName();
        return name + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Test
    void trace() {
        EventLoop loop = AsyncIO.newEventLoop();
        Future<String> f = loop.createFuture();
        t.print("pending: done", f.isDone(), "cancelled", f.isCancelled());
        try {
            f.result();
        } catch (InvalidStateError e) {
            t.print("result() on pending ->", fmt(e));
        }
        try {
            f.exception();
        } catch (InvalidStateError e) {
            t.print("exception() on pending ->", fmt(e));
        }
        f.setResult("R");
        t.print("after set_result: done", f.isDone(), "result", f.result(), "exception", f.exception());
        try {
            f.setResult("again");
        } catch (InvalidStateError e) {
            t.print("set_result on done ->", fmt(e));
        }
        try {
            f.setException(new Py.ValueError("x"));
        } catch (InvalidStateError e) {
            t.print("set_exception on done ->", fmt(e));
        }
        t.print("cancel() on done ->", f.cancel(), "| cancelled", f.isCancelled(), "| result", f.result());

        Future<String> g = loop.createFuture();
        g.setException(new Py.ValueError(null));
        Throwable exc = g.exception();
        t.print("set_exception(class) -> exception() is instance:", exc instanceof Py.ValueError, "args",
                exc.getMessage() == null ? List.of() : List.of(exc.getMessage()));
        try {
            g.result();
        } catch (Py.ValueError e) {
            t.print("result() raised the same object:", e == exc);
        }
        Future<String> h = loop.createFuture();
        try {
            h.setException(new StopIteration("s"));
        } catch (TypeError e) {
            t.print("set_exception(StopIteration) ->", fmt(e));
        }
        t.print("h still pending:", !h.isDone());
        h.cancel();
        t.print("InvalidStateError is subclass of Exception:", Exception.class.isAssignableFrom(InvalidStateError.class));
        loop.close();
        t.assertMatches("100_future_states_errors");
    }
}
