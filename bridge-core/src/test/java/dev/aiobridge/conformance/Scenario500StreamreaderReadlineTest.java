package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 500_streamreader_readline: readline joins feeds; partial line at EOF, then b''; async for; at_eof. */
class Scenario500StreamreaderReadlineTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            StreamReader r = new StreamReader();
            r.feedData(b("first line\nsec"));
            t.print("readline ->", a.await(r.readline()));
            Task<Void> feeder = AsyncIO.createTask(Coroutine.ofVoid(f -> {
                f.await(AsyncIO.sleep(0));
                t.print("feeder: feeding 'ond line\\nthird'");
                r.feedData(b("ond line\nthird"));
                f.await(AsyncIO.sleep(0));
                t.print("feeder: feed_eof");
                r.feedEof();
            }), "feeder");
            t.print("readline (waits for rest) ->", a.await(r.readline()));
            t.print("at_eof before partial read:", r.atEof());
            t.print("readline (partial at EOF) ->", a.await(r.readline()));
            t.print("at_eof:", r.atEof());
            t.print("readline at EOF ->", a.await(r.readline()));
            t.print("readline at EOF again ->", a.await(r.readline()));
            a.await(feeder);

            StreamReader r2 = new StreamReader();
            r2.feedData(b("a\nb\n\nc"));
            r2.feedEof();
            List<byte[]> lines = new ArrayList<>();
            for (byte[] line : a.iterate(r2)) {
                lines.add(line);
            }
            t.print("async for lines:", lines);

            StreamReader r3 = new StreamReader();
            r3.feedEof();
            t.print("empty stream readline ->", a.await(r3.readline()), "| at_eof", r3.atEof());
        }));
        t.assertMatches("500_streamreader_readline");
    }
}
