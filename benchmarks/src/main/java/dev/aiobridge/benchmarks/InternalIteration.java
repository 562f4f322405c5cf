package dev.aiobridge.benchmarks;

import dev.aiobridge.generator.Generator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P1i: a generator of 1..N summed by {@code forEach} and by {@code stream().mapToLong().sum()} (internal
 * iteration: no suspension per item), per item; the anchors are CPython's {@code for x in gen()} and
 * {@code sum(gen())}. This class runs on the jdk engine, {@link InternalIterationThreads} on threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK})
public class InternalIteration {
    static final int N = 100_000;

    /** The engine this class's forks must run. */
    String engine() {
        return "jdk";
    }

    @Setup
    public void setup() {
        Flags.expectEngine(engine());
    }

    static Generator<Integer, Object, Void> upTo(int n) {
        return Generator.ofVoid(g -> {
            for (int i = 1; i <= n; i++) {
                g.yield(i);
            }
        });
    }

    /** {@code for x in gen(): s += x}. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long forEach() {
        long[] sum = {0};
        upTo(N).forEach(v -> sum[0] += v);
        return sum[0];
    }

    /** {@code sum(gen())}. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long streamSum() {
        return upTo(N).stream().mapToLong(Integer::longValue).sum();
    }
}
