package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.LimitOverrunError;
import dev.aiobridge.streams.StreamReader;
import org.junit.jupiter.api.Test;

/**
 * 503_streamreader_limit_overrun: LimitOverrunError keeps the data; readline raises ValueError (here
 * {@link IllegalArgumentException}, not a LimitOverrunError) and discards.
 */
class Scenario503StreamreaderLimitOverrunTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            StreamReader r = new StreamReader(5);
            r.feedData(b("12345\n"));
            t.print("exactly limit ->", a.await(r.readuntil(b("\n"))));
            r.feedData(b("123456\nnext\n"));
            try {
                a.await(r.readuntil(b("\n")));
            } catch (LimitOverrunError e) {
                t.print("LimitOverrunError:", e, "| consumed", e.consumed());
            }
            t.print("data kept, readexactly(7) ->", a.await(r.readexactly(7)));
            t.print("then readline ->", a.await(r.readline()));

            r.feedData(b("abcdefgh"));
            try {
                a.await(r.readuntil(b("XY")));
            } catch (LimitOverrunError e) {
                t.print("LimitOverrunError:", e, "| consumed", e.consumed());
            }
            t.print("data kept, read(100) ->", a.await(r.read(100)));

            r.feedData(b("too-long-line\nshort\n"));
            try {
                a.await(r.readline());
            } catch (ValueError e) {
                t.print("readline ValueError:", e, "| is LimitOverrunError:", (Object) e instanceof LimitOverrunError);
            }
            t.print("long line discarded, readline ->", a.await(r.readline()));

            r.feedData(b("no-newline-here"));
            try {
                a.await(r.readline());
            } catch (ValueError e) {
                t.print("readline ValueError:", e);
            }
            r.feedData(b("fresh\n"));
            t.print("whole buffer was cleared, readline ->", a.await(r.readline()));
            try {
                new StreamReader(0);
            } catch (ValueError e) {
                t.print("limit=0 ->", e);
            }
        }));
        t.assertMatches("503_streamreader_limit_overrun");
    }
}
