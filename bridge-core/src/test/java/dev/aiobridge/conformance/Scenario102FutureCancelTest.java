package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.InvalidStateError;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 102_future_cancel: cancel() is true once; result()/exception() raise CancelledError(msg). Python's
 * {@code e.args} is the message as a one-element list (empty without a message). CancelledError is
 * Python's BaseException: in Java an Error, not an Exception.
 */
class Scenario102FutureCancelTest {
    private final Trace t = new Trace();

    private static String fmt(Throwable e) {
        String name = e instanceof CancelledError ? "CancelledError"
                : e instanceof InvalidStateError ? "InvalidStateError" : e.getClass().getSimpleName();
        return name + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static List<String> args(Throwable e) {
        return e.getMessage() == null ? List.of() : List.of(e.getMessage());
    }

    @Test
    void trace() {
        EventLoop loop = AsyncIO.newEventLoop();
        Future<Integer> f = loop.createFuture();
        f.addDoneCallback(fut -> t.print("callback: cancelled =", fut.isCancelled()));
        t.print("cancel('first') ->", f.cancel("first"));
        t.print("callback not run yet; cancelled", f.isCancelled(), "done", f.isDone());
        t.print("cancel('second') ->", f.cancel("second"));
        try {
            f.result();
        } catch (CancelledError e) {
            t.print("result() ->", fmt(e), "| args", args(e));
        }
        try {
            f.exception();
        } catch (CancelledError e) {
            t.print("exception() ->", fmt(e), "| args", args(e));
        }
        try {
            f.setResult(1);
        } catch (InvalidStateError e) {
            t.print("set_result after cancel ->", fmt(e));
        }
        Future<Integer> g = loop.createFuture();
        g.cancel();
        try {
            g.result();
        } catch (CancelledError e) {
            t.print("no message -> args", args(e));
        }
        t.print("CancelledError is Exception subclass:", Exception.class.isAssignableFrom(CancelledError.class));
        t.print("CancelledError is BaseException subclass:", Throwable.class.isAssignableFrom(CancelledError.class));
        loop.callSoon(loop::stop);
        loop.runForever();
        loop.close();
        t.assertMatches("102_future_cancel");
    }
}
