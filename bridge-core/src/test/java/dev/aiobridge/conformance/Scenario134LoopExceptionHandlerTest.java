package dev.aiobridge.conformance;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.asyncio.ExceptionContext;
import dev.aiobridge.asyncio.ExceptionHandler;
import dev.aiobridge.asyncio.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 134_loop_exception_handler: callback exceptions go to the handler as asyncio's context dict; the loop goes
 * on. Python's handler {@code (loop, context_dict)} is an {@link ExceptionHandler} receiving an
 * {@link ExceptionContext}: {@code context.get("message")} is {@code message()}, the dict's keys are those of
 * {@code toMap()}. {@code type(exc).__name__} is the simple name of the exception object the handler
 * received (the scenario's own {@link Py.ValueError}), so a wrapped or replaced exception would show.
 * {@code call_soon(f, *args)} becomes a closure over the arguments.
 */
class Scenario134LoopExceptionHandlerTest {
    private final Trace t = new Trace();

    private void bad(String tag) {
        t.print("bad", tag, "raising");
        throw new Py.ValueError("from " + tag);
    }

    @Test
    void trace() {
        EventLoop loop = new VirtualTimeEventLoop(); // virtual time: timer order cannot depend on load
        ExceptionHandler handler = (lp, context) -> {
            String msg = context.message();
            String normalized = msg.startsWith("Exception in callback") ? "Exception in callback" : msg;
            Throwable exc = context.exception();
            List<String> keys = new ArrayList<>(context.toMap().keySet());
            keys.sort(null);
            String excText = exc != null ? exc.getClass().getSimpleName() + ": " + Py.str(exc) : "no exception";
            t.print("HANDLER:", normalized, "|", excText, "| keys:", String.join(",", keys), "| same loop:", lp == loop);
        };
        loop.setExceptionHandler(handler);
        t.print("handler installed:", loop.getExceptionHandler() == handler);
        loop.callSoon(() -> t.print("ok", 1));
        loop.callSoon(() -> bad("cb2"));
        loop.callSoon(() -> t.print("ok", 3));
        Future<Void> fut = loop.createFuture();
        fut.addDoneCallback(f -> bad("done-callback"));
        fut.addDoneCallback(f -> t.print("ok", "second done callback"));
        loop.callSoon(() -> fut.setResult(null));
        loop.callSoon(() -> loop.callExceptionHandler(ExceptionContext.of("custom report")));
        loop.callLater(0.01, () -> bad("timer"));
        loop.callLater(0.02, () -> t.print("ok", "after timer"));
        loop.callLater(0.03, loop::stop);
        loop.runForever();
        t.print("loop survived; closed:", loop.isClosed());
        loop.close();
        t.assertMatches("134_loop_exception_handler");
    }
}
