package dev.aiobridge.conformance;

import dev.aiobridge.generator.Generator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * 021_grouper_delegation: Fluent Python's averager / grouper / main: send(null) makes the averager
 * return a Result, which becomes the yieldFrom's value in the grouper, which stores it and starts a new
 * averager. Python's {@code '{:2} {:5} averaging {:.2f}{}'} is the matching {@code String.format}.
 */
class Scenario021GrouperDelegationTest {
    private final Trace t = new Trace();

    record Result(int count, Double average) {
    }

    private static Generator<Object, Double, Result> averager() {
        return Generator.of(y -> {
            double total = 0.0;
            int count = 0;
            Double average = null;
            while (true) {
                Double term = y.yield(null);
                if (term == null) {
                    break;
                }
                total += term;
                count++;
                average = total / count;
            }
            return new Result(count, average);
        });
    }

    private static Generator<Object, Double, Void> grouper(Map<String, Result> results, String key) {
        return Generator.ofVoid(y -> {
            while (true) {
                results.put(key, y.yieldFrom(averager()));
            }
        });
    }

    private void main(Map<String, List<Double>> data) {
        Map<String, Result> results = new LinkedHashMap<>();
        data.forEach((key, values) -> {
            Generator<Object, Double, Void> group = grouper(results, key);
            group.next();
            for (Double value : values) {
                group.send(value);
            }
            group.send(null); // important!
            t.print("stored key", key, "count", results.get(key).count());
            group.close();
        });
        report(results);
    }

    private void report(Map<String, Result> results) {
        new TreeMap<>(results).forEach((key, result) -> {
            String[] parts = key.split(";");
            t.print(String.format(java.util.Locale.ROOT, "%2d %-5s averaging %.2f%s", result.count(), parts[0], result.average(), parts[1]));
        });
    }

    @Test
    void trace() {
        Map<String, List<Double>> data = new LinkedHashMap<>();
        data.put("girls;kg", List.of(40.9, 38.5, 44.3, 42.2, 45.2, 41.7, 44.5, 38.0, 40.6, 44.5));
        data.put("girls;m", List.of(1.6, 1.51, 1.4, 1.3, 1.41, 1.39, 1.33, 1.46, 1.45, 1.43));
        data.put("boys;kg", List.of(39.0, 40.8, 43.2, 40.8, 43.1, 38.6, 41.4, 40.6, 36.3));
        data.put("boys;m", List.of(1.38, 1.5, 1.32, 1.25, 1.37, 1.48, 1.25, 1.49, 1.46));
        main(data);

        t.print("-- without the final send(None)");
        Map<String, Result> results = new LinkedHashMap<>();
        Generator<Object, Double, Void> group = grouper(results, "x");
        group.next();
        for (double v : new double[] {1, 2, 3}) {
            group.send(v);
        }
        t.print("results has key x:", results.containsKey("x"));
        group.send(null);
        t.print("after send(None):", results.get("x").count(), results.get("x").average());
        // grouper immediately started a fresh averager for the same key
        group.send(100.0);
        group.send(null);
        t.print("second round:", results.get("x").count(), results.get("x").average());
        group.close();
        t.assertMatches("021_grouper_delegation");
    }
}
