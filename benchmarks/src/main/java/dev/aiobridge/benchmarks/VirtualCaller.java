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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P1tv, T2kv, T1Mv: the threads engine with the caller on a virtual thread (what a service gets when it
 * runs its loop, or drives its generators, from a virtual thread): the engine never spins then, and the
 * two sides take turns on the carriers. P1t's send round trip (a batch of sends per invocation, from a new
 * virtual thread each time) and T2k's and T1M's task runs, each {@code AsyncIO.run} on a virtual thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS})
public class VirtualCaller {
    static final int SENDS = 10_000;

    private final TaskScale tasks = new TaskScale();
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

    /** SENDS send round trips from a virtual thread: per send. */
    @Benchmark
    @OperationsPerInvocation(SENDS)
    public Object send() throws InterruptedException {
        Object[] last = new Object[1];
        onVirtualThread(() -> {
            for (int i = 0; i < SENDS; i++) {
                last[0] = generator.send(this);
            }
        });
        return last[0];
    }

    /** {@link TaskScale#manySleep0()} with its loop on a virtual thread: per step. */
    @Benchmark
    @OperationsPerInvocation(TaskScale.TASKS * TaskScale.STEPS)
    public void manySleep0() throws InterruptedException {
        onVirtualThread(tasks::manySleep0);
    }

    /** {@link TaskScale#sequential()} with its loop on a virtual thread: per task. */
    @Benchmark
    @OperationsPerInvocation(TaskScale.SEQUENTIAL)
    public void sequential() throws InterruptedException {
        onVirtualThread(tasks::sequential);
    }

    private static void onVirtualThread(Runnable work) throws InterruptedException {
        Thread.ofVirtual().start(work).join();
    }
}
