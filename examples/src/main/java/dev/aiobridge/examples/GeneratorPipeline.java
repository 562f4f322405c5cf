package dev.aiobridge.examples;

import dev.aiobridge.generator.Generator;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A log pipeline made of generators, each a plain loop: a source yields lines, a parse stage turns them
 * into requests and <em>returns</em> how many lines it could not parse, a filter keeps the slow ones, and
 * a send-driven stage (the essay's averager shape) keeps a running average. The stages compose by
 * {@code yieldFrom}, so the parse stage's return value flows out to the pipeline, and nothing is
 * buffered: each line is read only when the consumer asks for the next result.
 */
public final class GeneratorPipeline implements Example {

    /** One parsed access-log line. */
    record Request(String method, String path, int status, int millis) {
    }

    static final List<String> ACCESS_LOG = List.of(
            "GET /api/users 200 12",
            "GET /api/orders 200 340",
            "POST /api/orders 201 95",
            "this line is garbage",
            "GET /api/users/7 404 8",
            "GET /api/reports 200 1250",
            "DELETE /api/orders/3 500 610",
            "GET /health 200 1");

    // tag::stages[]
    /** Source: yields the lines one by one (a file or a socket would do the same). */
    static Generator<String, Object, Void> readLines(List<String> lines, PrintStream out) {
        return Generator.ofVoid(g -> {
            for (String line : lines) {
                out.println("  read   " + line);
                g.yield(line);
            }
        });
    }
    // end::stages[]

    // tag::parse[]
    /** Transform: parses each line; skips and counts the malformed ones; returns that count. */
    static Generator<Request, Object, Integer> parse(Generator<String, Object, Void> lines) {
        return Generator.of(g -> {
            int malformed = 0;
            for (String line : lines) {
                String[] f = line.split(" ");
                if (f.length != 4 || !f[2].chars().allMatch(Character::isDigit)) {
                    malformed++;
                    continue;
                }
                g.yield(new Request(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
            }
            return malformed;
        });
    }
    // end::parse[]

    // tag::filter[]
    /** Filter: delegates to the parse stage, keeps requests slower than {@code limit}; passes its return value on. */
    static Generator<Request, Object, Integer> slowerThan(int limit, Generator<Request, Object, Integer> requests) {
        return Generator.of(g -> {
            // yieldFrom would pass every request through; a filter iterates and re-yields instead,
            // and still hands on the inner stage's return value.
            for (Request r : requests) {
                if (r.millis() > limit) {
                    g.yield(r);
                }
            }
            return requests.returnValue();
        });
    }
    // end::filter[]

    /** Send-driven: receives latencies, yields the running average (the essay's averager). */
    static Generator<Double, Integer, Void> runningAverage() {
        return Generator.ofVoid(g -> {
            double total = 0;
            int count = 0;
            Double average = null;
            while (true) {
                int millis = g.yield(average);
                total += millis;
                count++;
                average = total / count;
            }
        });
    }

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String summary() {
        return "generator stages as plain loops: source -> parse (returns a count) -> filter -> send-driven average";
    }

    @Override
    public String input() {
        return "an eight-line access log (one line malformed); the filter keeps requests slower than 100 ms";
    }

    @Override
    public void run(PrintStream out) {
        // The whole pipeline is itself a generator: yieldFrom composes it and yields its return value.
        Generator<Request, Object, Integer> pipeline = Generator.of(g ->
                g.yieldFrom(slowerThan(100, parse(readLines(ACCESS_LOG, out)))));
        Generator<Double, Integer, Void> average = runningAverage();
        average.next(); // prime
        for (Request r : pipeline) {
            double avg = average.send(r.millis());
            out.printf(Locale.ROOT, "  slow   %-6s %-18s %d %5d ms   running average %7.1f ms%n",
                    r.method(), r.path(), r.status(), r.millis(), avg);
        }
        average.close();
        out.println("  malformed lines skipped: " + pipeline.returnValue()
                + " (the parse stage's return value, passed on through the filter and yieldFrom)");
    }
}
