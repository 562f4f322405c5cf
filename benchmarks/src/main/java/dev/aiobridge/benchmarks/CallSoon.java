package dev.aiobridge.benchmarks;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
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
 * P5: {@code callSoon} callbacks scheduled and run: a batch of BATCH {@code callSoon(cb)} then
 * {@code callSoon(stop)} and {@code runForever()}, as {@code python/p5_call_soon.py} does. The score is
 * the time per callback.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK})
public class CallSoon {
    static final int BATCH = 1000;

    private EventLoop loop;
    private long counter;
    private final Runnable callback = () -> counter++;

    @Setup
    public void setup() {
        loop = AsyncIO.newEventLoop();
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    /** BATCH callbacks through the ready queue. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batch() {
        for (int i = 0; i < BATCH; i++) {
            loop.callSoon(callback);
        }
        loop.callSoon(loop::stop);
        loop.runForever();
        return counter;
    }
}
