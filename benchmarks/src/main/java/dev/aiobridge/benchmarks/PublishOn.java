package dev.aiobridge.benchmarks;

import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.reactor.ReactorBridge;
import java.util.concurrent.CountDownLatch;
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

/**
 * P8: the event loop as publishOn's scheduler against {@code Schedulers.single()}, three ways.
 *
 * <ul>
 * <li>P8 ({@link #loopTasks}, {@link #singleTasks}): what publishOn asks of its scheduler: {@code T} tasks
 * scheduled on a worker from another thread (the benchmark's), each run on the scheduler's thread; per
 * task. publishOn calls {@code worker.schedule(drain)} from the emitting thread each time its drain went
 * idle; everything else it does is the same Reactor code whatever the scheduler.</li>
 * <li>P8p ({@link #loopPublishOn}, {@link #singlePublishOn}): {@code Flux.range(0, N).subscribeOn(producer)
 * .publishOn(s)}, per item: the items are emitted on another thread (as a network or {@code Sinks} source
 * emits on its own) and cross through publishOn's queue; a drain task is scheduled each time the drain
 * went idle (hundreds to thousands per 100k items, depending on the two threads' pace), so most of the
 * time per item is Reactor's queue hand-off, the same on both sides.</li>
 * <li>P8f ({@link #loopFused}, {@link #singleFused}): {@code Flux.range(0, N).publishOn(s)}, the old P8. Range is
 * SYNC-fuseable, so publishOn schedules one task per subscription that drains all N items by
 * {@code poll()}: both sides run the same Reactor code on another thread and the scheduler is used once
 * per 100k items.</li>
 * </ul>
 *
 * <p>The forks run on a fixed, pre-touched heap: P8 allocates on every task (about 100 bytes ours, more Reactor's),
 * and with the default heap sizing the page faults of a growing young generation came and went between
 * iterations (the CPU time per task of the same code moved between 50 and 400-900 ns).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK, "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class PublishOn {
    static final int N = 100_000;
    static final int T = 10_000;

    private EventLoopThread loopThread;
    private Scheduler loopScheduler;
    private Scheduler single;
    private Scheduler producer;
    private final CountingTask task = new CountingTask();

    @Setup
    public void setup() {
        loopThread = startLoop();
        loopScheduler = ReactorBridge.scheduler(loopThread.getLoop());
        single = Schedulers.newSingle("bench-single");
        producer = Schedulers.newSingle("bench-producer");
    }

    /** The loop's thread: a platform thread here. */
    EventLoopThread startLoop() {
        return EventLoopThread.start("bench-loop");
    }

    @TearDown
    public void tearDown() {
        loopScheduler.dispose();
        single.dispose();
        producer.dispose();
        loopThread.close();
    }

    /** P8p, ours: items emitted on another thread, published on the loop. */
    @Benchmark
    @OperationsPerInvocation(N)
    public Integer loopPublishOn() {
        return Flux.range(0, N).subscribeOn(producer).publishOn(loopScheduler).blockLast();
    }

    /** P8p, Reactor's single-thread scheduler. */
    @Benchmark
    @OperationsPerInvocation(N)
    public Integer singlePublishOn() {
        return Flux.range(0, N).subscribeOn(producer).publishOn(single).blockLast();
    }

    /** P8, ours: T tasks on a worker of the loop's scheduler, scheduled from this thread. */
    @Benchmark
    @OperationsPerInvocation(T)
    public long loopTasks() throws InterruptedException {
        return task.runAll(loopScheduler);
    }

    /** P8, Reactor's single-thread scheduler. */
    @Benchmark
    @OperationsPerInvocation(T)
    public long singleTasks() throws InterruptedException {
        return task.runAll(single);
    }

    /** P8f, ours: the fused publishOn (one task per subscription). */
    @Benchmark
    @OperationsPerInvocation(N)
    public Integer loopFused() {
        return Flux.range(0, N).publishOn(loopScheduler).blockLast();
    }

    /** P8f, Reactor's single-thread scheduler. */
    @Benchmark
    @OperationsPerInvocation(N)
    public Integer singleFused() {
        return Flux.range(0, N).publishOn(single).blockLast();
    }

    /** A task run T times on the scheduler's thread; the T-th releases the thread that scheduled them. */
    static final class CountingTask implements Runnable {
        private int runs; // the scheduler's thread only (the schedule hand-off publishes the reset)
        private long total;
        private CountDownLatch done;

        long runAll(Scheduler scheduler) throws InterruptedException {
            runs = 0;
            done = new CountDownLatch(1);
            Scheduler.Worker worker = scheduler.createWorker();
            try {
                for (int i = 0; i < T; i++) {
                    worker.schedule(this);
                }
                done.await();
            } finally {
                worker.dispose();
            }
            return total;
        }

        @Override
        public void run() {
            total++;
            if (++runs == T) {
                done.countDown();
            }
        }
    }
}
