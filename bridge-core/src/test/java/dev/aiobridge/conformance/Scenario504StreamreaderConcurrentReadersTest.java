package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 504_streamreader_concurrent_readers: one waiter slot; the refused second reader gets RuntimeError
 * (here {@link IllegalStateException}); a read served from the buffer is not refused; feed_eof wakes a
 * pending read.
 */
class Scenario504StreamreaderConcurrentReadersTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            StreamReader r = new StreamReader();
            Task<byte[]> first = AsyncIO.createTask(r.readexactly(6), "first");
            a.await(AsyncIO.sleep(0));
            Map<String, Coroutine<byte[]>> seconds = new LinkedHashMap<>();
            seconds.put("read(3)", r.read(3));
            seconds.put("readline()", r.readline());
            seconds.put("readexactly(2)", r.readexactly(2));
            seconds.put("readuntil(b'!')", r.readuntil(b("!")));
            for (Map.Entry<String, Coroutine<byte[]>> e : seconds.entrySet()) {
                try {
                    a.await(e.getValue());
                } catch (RuntimeError err) {
                    t.print("second reader", e.getKey(), "->", err);
                }
            }
            r.feedData(b(""));
            a.await(AsyncIO.sleep(0));
            t.print("after feed_data(b''): first done?", first.isDone());
            for (String chunk : new String[] {"ab", "cd", "efgh"}) {
                r.feedData(b(chunk));
                a.await(AsyncIO.sleep(0));
                t.print("fed", b(chunk), "-> first done?", first.isDone());
                if (chunk.equals("ab")) {
                    t.print("  read(1) served from the buffer while first waits ->", a.await(r.read(1)));
                }
            }
            t.print("first readexactly(6) ->", first.result());
            t.print("left over, read(3) ->", a.await(r.read(3)));

            Task<byte[]> waiting = AsyncIO.createTask(r.read(5), "waiting");
            a.await(AsyncIO.sleep(0));
            r.feedEof();
            t.print("feed_eof wakes the pending read(5) ->", a.await(waiting), "| at_eof", r.atEof());
            t.print("readexactly(0) ->", a.await(r.readexactly(0)));
            try {
                a.await(r.readexactly(-1));
            } catch (ValueError e) {
                t.print("readexactly(-1) -> ValueError:", e);
            }
        }));
        t.assertMatches("504_streamreader_concurrent_readers");
    }
}
