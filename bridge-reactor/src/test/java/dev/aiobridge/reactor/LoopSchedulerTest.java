package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;

/**
 * The loop as a Scheduler: it fails fast on a loop that would never run its tasks (issue 9 §2); its
 * per-task path (immediate tasks are not tracked one by one) still cancels what a dispose covers; tasks
 * from many threads each run once, in each thread's order.
 */
class LoopSchedulerTest {

    @Test
    void immediateTasksAreNotTrackedOneByOneAndADisposeStillCancelsThePendingOnes() throws Exception {
        try (EventLoopThread thread = EventLoopThread.start("scheduler-dispose")) {
            EventLoop loop = thread.getLoop();
            LoopScheduler scheduler = (LoopScheduler) ReactorBridge.scheduler(loop);
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            loop.callSoonThreadsafe(() -> {
                busy.countDown();
                awaitQuietly(release); // the loop is busy: what follows waits in its intake
            });
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            try {
                checkDisposeWhileQueued(scheduler, release);
            } finally {
                release.countDown(); // a failure must not leave the loop blocked
            }
        }
    }

    private static void checkDisposeWhileQueued(LoopScheduler scheduler, CountDownLatch release) throws Exception {
        AtomicInteger ranOfDisposedWorker = new AtomicInteger();
        AtomicInteger ranOfLiveWorker = new AtomicInteger();
        LoopScheduler.LoopWorker doomed = (LoopScheduler.LoopWorker) scheduler.createWorker();
        LoopScheduler.LoopWorker live = (LoopScheduler.LoopWorker) scheduler.createWorker();
        List<Disposable> doomedTasks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            doomedTasks.add(doomed.schedule(ranOfDisposedWorker::incrementAndGet));
            live.schedule(ranOfLiveWorker::incrementAndGet);
        }
        Disposable single = live.schedule(ranOfLiveWorker::incrementAndGet);
        AtomicInteger ranOfScheduler = new AtomicInteger();
        scheduler.schedule(ranOfScheduler::incrementAndGet);

        // the speed path: no set entry per immediate task (an identity hash and a map node each)
        assertThat(doomed.tracker.tasks).isEmpty();
        assertThat(live.tracker.tasks).isEmpty();
        assertThat(scheduler.tracker.tasks).isEmpty();

        doomed.dispose();
        single.dispose();
        assertThat(doomedTasks).allMatch(Disposable::isDisposed);
        assertThat(single.isDisposed()).isTrue();
        CountDownLatch done = new CountDownLatch(1);
        live.schedule(done::countDown);
        release.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOfDisposedWorker).hasValue(0);
        assertThat(ranOfLiveWorker).hasValue(1000);
        assertThat(ranOfScheduler).hasValue(1);
        scheduler.dispose();
    }

    @Test
    void tasksFromManyThreadsRunOnceEachInEachThreadsOrder() throws Exception {
        int producers = 4;
        int perProducer = 5000;
        try (EventLoopThread thread = EventLoopThread.start("scheduler-producers")) {
            EventLoop loop = thread.getLoop();
            Scheduler scheduler = ReactorBridge.scheduler(loop);
            int[] next = new int[producers]; // the loop's thread only
            List<String> errors = new ArrayList<>(); // the loop's thread only
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(producers * perProducer);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                // publishOn's shape: one worker per subscription, scheduled on from the emitting thread
                Scheduler.Worker worker = scheduler.createWorker();
                Thread t = new Thread(() -> {
                    awaitQuietly(start);
                    for (int i = 0; i < perProducer; i++) {
                        int seq = i;
                        worker.schedule(() -> {
                            if (!loop.inLoopThread() || next[producer] != seq) {
                                errors.add("producer " + producer + ": task " + seq + " ran after " + next[producer]);
                            }
                            next[producer] = seq + 1;
                            done.countDown();
                        });
                    }
                }, "producer-" + p);
                t.start();
                threads.add(t);
            }
            start.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            CountDownLatch read = new CountDownLatch(1);
            List<String> seen = new ArrayList<>();
            int[] counts = new int[producers];
            loop.callSoonThreadsafe(() -> {
                seen.addAll(errors);
                System.arraycopy(next, 0, counts, 0, producers);
                read.countDown();
            });
            assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).isEmpty();
            assertThat(counts).containsOnly(perProducer);
            scheduler.dispose();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test's gate was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aLoopThatIsNotRunningRejectsAtScheduleTime() {
        EventLoop idle = AsyncIO.newEventLoop();
        try {
            assertRejects(ReactorBridge.scheduler(idle), "not running");
        } finally {
            idle.close();
        }
    }

    @Test
    void aClosedLoopRejectsAtScheduleTime() {
        EventLoop closed = AsyncIO.newEventLoop();
        closed.close();
        assertRejects(ReactorBridge.scheduler(closed), "closed");
    }

    private static void assertRejects(Scheduler scheduler, String state) {
        assertThatThrownBy(() -> scheduler.schedule(() -> { }))
                .isInstanceOf(RejectedExecutionException.class).hasStackTraceContaining(state);
        assertThatThrownBy(() -> scheduler.schedule(() -> { }, 10, TimeUnit.MILLISECONDS))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> scheduler.schedulePeriodically(() -> { }, 10, 10, TimeUnit.MILLISECONDS))
                .isInstanceOf(RejectedExecutionException.class);
        Scheduler.Worker worker = scheduler.createWorker();
        assertThatThrownBy(() -> worker.schedule(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasStackTraceContaining(state);
        // a Publisher moved onto it gets an onError at once instead of hanging
        StepVerifier.create(Mono.just(1).publishOn(scheduler))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RejectedExecutionException.class))
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(Mono.just(1).subscribeOn(scheduler))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RejectedExecutionException.class))
                .verify(Duration.ofSeconds(10));
    }
}
