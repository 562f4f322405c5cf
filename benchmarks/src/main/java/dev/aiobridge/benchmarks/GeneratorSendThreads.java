package dev.aiobridge.benchmarks;

import dev.aiobridge.generator.Generator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** P1t: the same send round trip on the threads engine (a virtual thread per generator). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS})
public class GeneratorSendThreads {
    private Generator<Object, Object, Void> generator;
    private Load load;

    @Setup
    public void setup() {
        Flags.expectEngine("threads");
        load = Load.startIfAsked();
        generator = GeneratorSend.echo();
        generator.next();
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        generator.close();
        Load.stop(load);
    }

    /** send(x) and back. */
    @Benchmark
    public Object send() {
        return generator.send(this);
    }
}
