package dev.aiobridge.examples;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Runner;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.asyncio.TaskGroup;
import dev.aiobridge.asyncio.VirtualTimeEventLoop;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.sync.Semaphore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A crawler-style fan-out: every page found starts a fetch task in a {@link TaskGroup}, a
 * {@link Semaphore} keeps at most three fetches in flight, and the group ends when the whole site is
 * crawled. The "network" is simulated latency on a {@link VirtualTimeEventLoop}: the crawl takes
 * seconds of loop time and no real time, and prints the same every run.
 */
public final class Crawler implements Example {

    /** The site: page to links, and each page's latency in seconds. */
    static final Map<String, List<String>> LINKS = Map.of(
            "/", List.of("/docs", "/blog", "/about"),
            "/docs", List.of("/docs/generators", "/docs/asyncio", "/"),
            "/blog", List.of("/blog/1", "/blog/2"),
            "/about", List.of(),
            "/docs/generators", List.of("/docs/asyncio"),
            "/docs/asyncio", List.of("/docs/generators", "/blog/2"),
            "/blog/1", List.of("/"),
            "/blog/2", List.of());
    static final Map<String, Double> LATENCY = Map.of(
            "/", 0.3, "/docs", 0.5, "/blog", 0.2, "/about", 0.1,
            "/docs/generators", 0.4, "/docs/asyncio", 0.6, "/blog/1", 0.2, "/blog/2", 0.3);

    @Override
    public String name() {
        return "crawler";
    }

    @Override
    public String summary() {
        return "fan-out with a TaskGroup and a Semaphore (3 in flight) over simulated latency, on virtual time";
    }

    @Override
    public String input() {
        return "a simulated site of 8 pages with fixed latencies, crawled with at most 3 fetches in flight";
    }

    @Override
    public void run(PrintStream out) {
        // tag::crawler[]
        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            runner.run(Coroutine.ofVoid("crawl", a -> {
                EventLoop loop = AsyncIO.getRunningLoop();
                Semaphore inFlight = new Semaphore(3);
                Set<String> seen = new LinkedHashSet<>();
                int[] active = {0};
                int[] peak = {0};
                List<Task<?>> fetches = new ArrayList<>();
                TaskGroup tg = new TaskGroup();
                tg.with(a, () -> {
                    crawl("/", tg, inFlight, seen, active, peak, fetches, loop, out);
                });
                out.printf(Locale.ROOT, "  crawled %d pages with %d fetches in %.1f s of loop time; at most %d in flight%n",
                        seen.size(), fetches.size(), loop.time(), peak[0]);
            }));
        }
        // end::crawler[]
    }

    private static void crawl(String page, TaskGroup tg, Semaphore inFlight, Set<String> seen, int[] active,
                              int[] peak, List<Task<?>> fetches, EventLoop loop, PrintStream out) {
        if (!seen.add(page)) {
            return;
        }
        // tag::fetch[]
        fetches.add(tg.createTask(Coroutine.ofVoid("fetch " + page, a -> {
            List<String> links = inFlight.with(a, () -> {
                active[0]++;
                peak[0] = Math.max(peak[0], active[0]);
                out.printf(Locale.ROOT, "  %4.1fs  GET %-17s (%d in flight)%n", loop.time(), page, active[0]);
                a.await(AsyncIO.sleep(LATENCY.get(page))); // the network
                active[0]--;
                return LINKS.get(page);
            });
            for (String link : links) {
                crawl(link, tg, inFlight, seen, active, peak, fetches, loop, out);
            }
        }), "fetch " + page));
        // end::fetch[]
    }
}
