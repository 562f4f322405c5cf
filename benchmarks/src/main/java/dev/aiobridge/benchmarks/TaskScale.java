package dev.aiobridge.benchmarks;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * T2k and T1M (jdk engine; {@link TaskScaleThreads} runs the same on the threads engine): many tasks at
 * once, each stepping on {@code sleep(0)}, per step; and tasks created and awaited one after another, per
 * task (the outside probes of issue 13: 2,000 tasks doing sleep(0), 1M sequential tasks).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK})
public class TaskScale {
    static final int TASKS = 2_000;
    static final int STEPS = 20;
    static final int SEQUENTIAL = 10_000;

    private Load load;

    @Setup(Level.Trial)
    public void startLoad() {
        load = Load.startIfAsked();
    }

    @TearDown(Level.Trial)
    public void stopLoad() throws InterruptedException {
        Load.stop(load);
    }

    /** 2,000 tasks, each STEPS sleep(0) steps: per step. */
    @Benchmark
    @OperationsPerInvocation(TASKS * STEPS)
    public void manySleep0() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            List<Task<Void>> tasks = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                tasks.add(AsyncIO.createTask(Coroutine.ofVoid(b -> {
                    for (int s = 0; s < STEPS; s++) {
                        b.await(AsyncIO.sleep(0));
                    }
                })));
            }
            for (Task<Void> t : tasks) {
                a.await(t);
            }
        }));
    }

    /** Tasks created and awaited one after another, each one sleep(0) step: per task. */
    @Benchmark
    @OperationsPerInvocation(SEQUENTIAL)
    public void sequential() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            for (int i = 0; i < SEQUENTIAL; i++) {
                a.await(AsyncIO.createTask(Coroutine.ofVoid(b -> b.await(AsyncIO.sleep(0)))));
            }
        }));
    }
}
