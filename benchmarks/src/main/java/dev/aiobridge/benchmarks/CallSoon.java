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
 *
 * <p>The fork runs on a fixed, pre-touched heap, as {@link PublishOn}'s do: each callback allocates its handle
 * (about 28 bytes with its share of the queue), and with the default heap sizing the page faults of a growing
 * young generation dominated the first seconds of a fork (60-90 ns per callback in the first warm-up
 * iteration, 16-29 ns in the measured ones of a {@code --quick} run); on a sized and touched heap, which a
 * long-running service has, every iteration reads 10-12 ns.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK, "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
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
