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
 * Depth 0 is the innermost generator alone.
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

    private Generator<Object, Object, Object> top;

    @Setup
    public void setup() {
        Generator<Object, Object, Object> g = Generator.of(y -> {
            long i = 0;
            while (true) {
                y.yield(i++);
            }
        });
        for (int level = 0; level < depth; level++) {
            Generator<Object, Object, Object> sub = g;
            g = Generator.of(y -> y.yieldFrom(sub));
        }
        top = g;
        top.next();
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
