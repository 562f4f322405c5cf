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

/** P1: one {@code send} round trip into a generator whose body loops on {@code v = yield v} (jdk engine). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK})
public class GeneratorSend {
    private Generator<Object, Object, Void> generator;
    private Load load;

    @Setup
    public void setup() {
        Flags.expectEngine("jdk");
        load = Load.startIfAsked();
        generator = echo();
        generator.next();
    }

    static Generator<Object, Object, Void> echo() {
        return Generator.ofVoid(g -> {
            Object v = null;
            while (true) {
                v = g.yield(v);
            }
        });
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
