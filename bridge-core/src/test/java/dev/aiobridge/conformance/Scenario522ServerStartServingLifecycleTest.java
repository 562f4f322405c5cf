package dev.aiobridge.conformance;

import static dev.aiobridge.conformance.Py.b;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import dev.aiobridge.transport.ServerOptions;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 522_server_start_serving_lifecycle: start_serving=False refuses connects; serve_forever twice / after
 * close raise RuntimeError (here {@link IllegalStateException}); cancelling serve_forever closes the
 * server; {@code async with} is {@link Server#with}. Python's empty tuple {@code ()} is an empty list.
 */
class Scenario522ServerStartServingLifecycleTest {
    private final Trace t = new Trace();

    private static Coroutine<Void> handle(StreamReader reader, StreamWriter writer) {
        return Coroutine.ofVoid(a -> {
            byte[] line = a.await(reader.readline());
            writer.write(Py.concat(b("echo:"), line));
            a.await(writer.drain());
            writer.close();
            a.await(writer.waitClosed());
        });
    }

    private static Coroutine<byte[]> ping(int port) {
        return Coroutine.of(a -> {
            StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
            c.writer().write(b("ping\n"));
            byte[] reply = a.await(c.reader().read());
            c.writer().close();
            a.await(c.writer().waitClosed());
            return reply;
        });
    }

    private static int port(Server s) {
        return ((InetSocketAddress) s.sockets().get(0).getLocalAddress()).getPort();
    }

    private static String tuple(List<?> items) {
        return items.isEmpty() ? "()" : Py.repr(items);
    }

    @Test
    void trace() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Server server = a.await(Streams.startServer(Scenario522ServerStartServingLifecycleTest::handle,
                    "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT, ServerOptions.defaults().withStartServing(false)));
            int port = port(server);
            t.print("start_serving=False: is_serving", server.isServing(), "| sockets", server.sockets().size());
            try {
                a.await(Streams.openConnection("127.0.0.1", port));
            } catch (Exception e) {
                if (!(e instanceof ConnectException)) {
                    throw e;
                }
                t.print("connect before start_serving -> ConnectionRefusedError");
            }
            a.await(server.startServing());
            a.await(server.startServing());
            t.print("after start_serving: is_serving", server.isServing(), "| reply", a.await(ping(port)));

            Task<Void> forever = AsyncIO.createTask(server.serveForever(), "forever");
            a.await(AsyncIO.sleep(0));
            try {
                a.await(server.serveForever());
            } catch (RuntimeError e) {
                t.print("second serve_forever -> RuntimeError:", e.getMessage().replace(server.toString(), "<repr>"));
            }
            t.print("while serving forever, reply", a.await(ping(port)));
            forever.cancel();
            try {
                a.await(forever);
            } catch (CancelledError e) {
                t.print("serve_forever cancelled -> task cancelled:", forever.isCancelled(),
                        "| is_serving", server.isServing(), "| sockets", tuple(server.sockets()));
            }
            try {
                a.await(server.serveForever());
            } catch (RuntimeError e) {
                t.print("serve_forever on closed server -> RuntimeError:",
                        e.getMessage().replace(server.toString(), "<repr>"));
            }
            server.close();
            a.await(server.waitClosed());
            t.print("close() again + wait_closed(): fine; get_loop() is the running loop:",
                    server.getLoop() == AsyncIO.getRunningLoop());

            Server s2 = a.await(Streams.startServer(Scenario522ServerStartServingLifecycleTest::handle, "127.0.0.1", 0));
            s2.with(a, () -> {
                t.print("async with: is_serving", s2.isServing(), "| reply", a.await(ping(port(s2))));
            });
            t.print("after async with: is_serving", s2.isServing(), "| sockets", tuple(s2.sockets()));
        }));
        t.assertMatches("522_server_start_serving_lifecycle");
    }
}
