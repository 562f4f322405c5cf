package dev.aiobridge.benchmarks;

import dev.aiobridge.reactor.ReactorBridge;
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

/** P3t: the generator Flux of {@link FluxItems} on the threads engine. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS})
public class FluxItemsThreads {

    @Setup
    public void setup() {
        Flags.expectEngine("threads");
    }

    /** Ours on the threads engine. */
    @Benchmark
    @OperationsPerInvocation(FluxItems.N)
    public long generatorFlux() {
        return FluxItems.consume(ReactorBridge.flux(() -> FluxItems.counter(FluxItems.N)));
    }
}
