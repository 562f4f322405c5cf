package dev.aiobridge.benchmarks;

import dev.aiobridge.generator.Generator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P2: one value out of a chain of {@code depth} generators, each {@code return yield from next_level}
 * (made before the first next(), so every level runs inline), the innermost an endless yield loop.
 * Depth 0 is the innermost generator alone. Every level yields the same constant, so an op allocates
 * nothing and measures only the switch (a boxed counter would add 24 B/op of garbage to both depths).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK})
public class YieldFromDepth {
    @Param({"0", "32"})
    public int depth;

    private static final Object VALUE = new Object();

    private Generator<Object, Object, Object> top;

    @Setup
    public void setup() {
        Flags.expectEngine("jdk");
        Generator<Object, Object, Object> g = Generator.of(y -> {
            while (true) {
                y.yield(VALUE);
            }
        });
        for (int level = 0; level < depth; level++) {
            Generator<Object, Object, Object> sub = g;
            g = Generator.of(y -> y.yieldFrom(sub));
        }
        top = g;
        top.next();
        // Sanity: the first next() started every level, each now suspended in its yieldFrom.
        int levels = 0;
        for (Object d = top.yieldingFrom(); d instanceof Generator<?, ?, ?> sub; d = sub.yieldingFrom()) {
            levels++;
        }
        if (levels != depth) {
            throw new IllegalStateException("expected a yieldFrom chain of " + depth + " levels, found " + levels);
        }
    }

    @TearDown
    public void tearDown() {
        top.close();
    }

    /** next() through every level. */
    @Benchmark
    public Object next() {
        return top.next();
    }
}
