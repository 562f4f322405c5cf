package dev.aiobridge.benchmarks;

import dev.aiobridge.asyncio.EventLoopThread;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** P8: {@code Flux.range(0, N).publishOn(scheduler)} to the end, the loop's scheduler against {@code Schedulers.single()}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK})
public class PublishOn {
    static final int N = 100_000;

    private EventLoopThread loopThread;
    private Scheduler loopScheduler;
    private Scheduler single;

    @Setup
    public void setup() {
        loopThread = EventLoopThread.start("bench-loop");
        loopScheduler = ReactorBridge.scheduler(loopThread.getLoop());
        single = Schedulers.newSingle("bench-single");
    }

    @TearDown
    public void tearDown() {
        loopScheduler.dispose();
        single.dispose();
        loopThread.close();
    }

    /** Ours: the event loop as a Scheduler. */
    @Benchmark
    @OperationsPerInvocation(N)
    public Integer loop() {
        return Flux.range(0, N).publishOn(loopScheduler).blockLast();
    }

    /** Reactor's single-thread scheduler. */
    @Benchmark
    @OperationsPerInvocation(N)
    public Integer single() {
        return Flux.range(0, N).publishOn(single).blockLast();
    }
}
