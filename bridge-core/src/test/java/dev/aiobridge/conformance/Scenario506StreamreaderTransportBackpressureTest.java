package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.transport.BaseProtocol;
import dev.aiobridge.transport.ReadTransport;
import org.junit.jupiter.api.Test;

/**
 * 506_streamreader_transport_backpressure: pause above 2*limit, resume at <= limit or before waiting; a
 * transport whose pause raises NotImplementedError (here {@link UnsupportedOperationException}) is
 * forgotten.
 */
class Scenario506StreamreaderTransportBackpressureTest {
    private final Trace t = new Trace();

    private final class StubTransport implements ReadTransport {
        final String name;
        final boolean unsupported;

        StubTransport(String name, boolean unsupported) {
            this.name = name;
            this.unsupported = unsupported;
        }

        @Override
        public void pauseReading() {
            t.print("   ", name + ".pause_reading()" + (unsupported ? " raises NotImplementedError" : ""));
            if (unsupported) {
                throw new UnsupportedOperationException();
            }
        }

        @Override
        public void resumeReading() {
            t.print("   ", name + ".resume_reading()");
        }

        @Override
        public boolean isReading() {
            return true;
        }

        @Override
        public Object getExtraInfo(String key, Object defaultValue) {
            return defaultValue;
        }

        @Override
        public boolean isClosing() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public void setProtocol(BaseProtocol protocol) {
        }

        @Override
        public BaseProtocol getProtocol() {
            return null;
        }
    }

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            StreamReader r = new StreamReader(4);
            r.setTransport(new StubTransport("t", false));
            for (String chunk : new String[] {"12345678", "9", "A"}) {
                t.print("feed", b(chunk));
                r.feedData(b(chunk));
            }
            t.print("read(2) ->", a.await(r.read(2)), "(8 left)");
            t.print("read(4) ->", a.await(r.read(4)), "(4 left)");

            r.feedData(b("abcdefghij"));
            t.print("fed 10 more (14 buffered)");
            Task<byte[]> reader = AsyncIO.createTask(r.readexactly(20), "readexactly");
            a.await(AsyncIO.sleep(0));
            t.print("readexactly(20) is waiting");
            r.feedData(b("KLMNOP"));
            t.print("fed 6 more");
            t.print("readexactly(20) ->", a.await(reader));

            StreamReader r2 = new StreamReader(4);
            r2.setTransport(new StubTransport("u", true));
            for (String chunk : new String[] {"123456789", "abcdefghi"}) {
                t.print("feed", b(chunk));
                r2.feedData(b(chunk));
            }
            t.print("read(100) ->", a.await(r2.read(100)));
        }));
        t.assertMatches("506_streamreader_transport_backpressure");
    }
}
