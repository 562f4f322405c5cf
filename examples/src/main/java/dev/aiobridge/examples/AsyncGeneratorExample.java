package dev.aiobridge.examples;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.builtins.GeneratorExit;
import java.io.PrintStream;
import java.util.Locale;

/**
 * An async generator (PEP 525): a paginated API read as one stream. The body awaits each page (other
 * tasks run meanwhile) and yields its items; the consumer iterates with {@code a.iterate(...)} and stops
 * early, and {@code aclose()} runs the generator's finally block, which itself awaits.
 */
public final class AsyncGeneratorExample implements Example {

    @Override
    public String name() {
        return "async-generator";
    }

    @Override
    public String summary() {
        return "an async generator over a paginated API: await inside, yield out, early stop with aclose()";
    }

    @Override
    public String input() {
        return "a paginated API of 3 items per page (0.1 s per page); the consumer stops after 7 items";
    }

    /** Pages of a fake API: each page takes 0.1 s and holds three items. */
    // tag::agen[]
    static AsyncGenerator<String> items(PrintStream out) {
        return AsyncGenerator.of(g -> {
            try {
                for (int page = 1; ; page++) {
                    out.printf(Locale.ROOT, "  %.1fs fetching page %d%n", AsyncIO.getRunningLoop().time(), page);
                    g.await(AsyncIO.sleep(0.1));
                    for (int i = 1; i <= 3; i++) {
                        g.yield("item " + page + "." + i);
                    }
                }
            } catch (GeneratorExit closing) {
                out.println("         generator: closed early");
                throw closing;
            } finally {
                g.await(AsyncIO.sleep(0.05)); // release the cursor: cleanup may await
                out.printf(Locale.ROOT, "  %.2fs generator: cursor released%n", AsyncIO.getRunningLoop().time());
            }
        });
    }
    // end::agen[]

    @Override
    public void run(PrintStream out) {
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            runner.run(Coroutine.ofVoid("consumer", a -> {
                Task<Void> heartbeat = AsyncIO.createTask(Coroutine.ofVoid(h -> {
                    for (int i = 0; i < 3; i++) {
                        h.await(AsyncIO.sleep(0.1));
                        out.printf(Locale.ROOT, "  %.1fs heartbeat (another task runs while the generator awaits)%n",
                                AsyncIO.getRunningLoop().time());
                    }
                }), "heartbeat");
                // tag::consume[]
                AsyncGenerator<String> stream = items(out);
                int taken = 0;
                for (String item : a.iterate(stream)) {
                    out.println("         got " + item);
                    if (++taken == 7) {
                        break;
                    }
                }
                a.await(stream.aclose());
                // end::consume[]
                a.await(heartbeat);
            }));
        }
    }
}
