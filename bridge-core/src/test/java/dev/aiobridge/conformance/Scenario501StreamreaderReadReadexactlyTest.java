package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.IncompleteReadError;
import dev.aiobridge.streams.StreamReader;
import java.io.EOFException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/**
 * 501_streamreader_read_readexactly: read(n) at most n; read(0); read(-1); readexactly and
 * IncompleteReadError (an EOFError: here its cause is an {@link EOFException}); set_exception. Python's
 * {@code ConnectionResetError} is the JDK's {@link SocketException}.
 */
class Scenario501StreamreaderReadReadexactlyTest {
    private final Trace t = new Trace();

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            StreamReader r = new StreamReader();
            r.feedData(b("abc"));
            t.print("read(10) ->", a.await(r.read(10)));
            r.feedData(b("defgh"));
            t.print("read(2) ->", a.await(r.read(2)));
            t.print("read(0) ->", a.await(r.read(0)));
            t.print("readexactly(3) ->", a.await(r.readexactly(3)));
            r.feedData(b("12345"));
            r.feedEof();
            try {
                a.await(r.readexactly(10));
            } catch (IncompleteReadError e) {
                t.print("IncompleteReadError:", e, "| partial", e.partial(), "| expected", e.expected(),
                        "| is EOFError:", e.getCause() instanceof EOFException);
            }
            t.print("buffer emptied, read() ->", a.await(r.read()));

            StreamReader r2 = new StreamReader();
            Task<Void> feeder = AsyncIO.createTask(Coroutine.ofVoid(f -> {
                for (String chunk : new String[] {"AA", "BB", "CC"}) {
                    f.await(AsyncIO.sleep(0));
                    r2.feedData(b(chunk));
                }
                r2.feedEof();
            }), "feeder");
            t.print("read(-1) ->", a.await(r2.read(-1)));
            a.await(feeder);

            StreamReader r3 = new StreamReader();
            Task<byte[]> pending = AsyncIO.createTask(r3.read(5), "pending-read");
            a.await(AsyncIO.sleep(0));
            r3.setException(new SocketException("peer reset"));
            try {
                a.await(pending);
            } catch (Exception e) {
                t.print("pending read ->", name(e), e.getMessage());
            }
            try {
                a.await(r3.readline());
            } catch (Exception e) {
                t.print("later readline ->", name(e), e.getMessage());
            }
            t.print("exception():", name(r3.exception()));
        }));
        t.assertMatches("501_streamreader_read_readexactly");
    }

    static String name(Throwable e) {
        return e.getClass() == SocketException.class ? "ConnectionResetError" : e.getClass().getSimpleName();
    }
}
