package dev.aiobridge.benchmarks;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P4: task steps, two tasks ping-ponging with {@code await asyncio.sleep(0)} inside {@code asyncio.run}.
 * The same program as {@code python/p4_task_steps.py}; the score is the time of one step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK})
public class TaskSteps {
    static final int STEPS_PER_TASK = 50_000;

    static Coroutine<Void> worker() {
        return Coroutine.ofVoid(a -> {
            for (int i = 0; i < STEPS_PER_TASK; i++) {
                a.await(AsyncIO.sleep(0));
            }
        });
    }

    /** Two tasks, each STEPS_PER_TASK sleep(0) steps. */
    @Benchmark
    @OperationsPerInvocation(2 * STEPS_PER_TASK)
    public void pingPong() {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Task<Void> t1 = AsyncIO.createTask(worker());
            Task<Void> t2 = AsyncIO.createTask(worker());
            a.await(t1);
            a.await(t2);
        }));
    }
}
