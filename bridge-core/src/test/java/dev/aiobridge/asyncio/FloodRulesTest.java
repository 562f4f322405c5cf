package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The loop keeps making progress under a flood: threads calling {@code callSoonThreadsafe} in a tight
 * loop cannot starve timers, tasks or {@code stop()}; each iteration takes a bounded share of the
 * cross-thread intake, and producers faster than the loop wait for room (the intake is bounded), so
 * memory stays bounded and nothing accepted is lost.
 */
class FloodRulesTest {
    private static final int PRODUCERS = 4;

    @Test
    void producersInATightLoopStarveNothingAndLoseNothing() throws Exception {
        EventLoopThread elt = EventLoopThread.start("flood");
        BaseEventLoop loop = (BaseEventLoop) elt.getLoop();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ran = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicInteger maxBacklog = new AtomicInteger();
        CountDownLatch flooding = new CountDownLatch(PRODUCERS);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            producers.add(Thread.ofPlatform().name("flood-" + p).start(() -> {
                Runnable cb = ran::incrementAndGet;
                int localMax = 0;
                for (long i = 0; !stop.get(); i++) {
                    loop.callSoonThreadsafe(cb);
                    accepted.incrementAndGet();
                    if (i == 1000) {
                        flooding.countDown();
                    }
                    if ((i & 255) == 0) {
                        localMax = Math.max(localMax, loop.intakeBacklog());
                    }
                }
                maxBacklog.accumulateAndGet(localMax, Math::max);
            }));
        }
        flooding.await();
        try {
            // Timers and tasks still get their turn while the flood goes on.
            String served = elt.submit(Coroutine.of(a -> {
                for (int i = 0; i < 20; i++) {
                    a.await(AsyncIO.sleep(0.001));
                }
                return "timers served";
            })).get(60, TimeUnit.SECONDS);
            assertThat(served).isEqualTo("timers served");
            assertThat(ran.get()).isPositive();
        } finally {
            stop.set(true);
            for (Thread t : producers) {
                t.join();
            }
        }
        // Everything accepted runs: a coroutine submitted last runs after every callback before it.
        long total = accepted.get();
        long seen = elt.submit(Coroutine.of(a -> ran.get())).get(60, TimeUnit.SECONDS);
        assertThat(seen).isEqualTo(total);
        assertThat(maxBacklog.get()).isLessThanOrEqualTo(BaseEventLoop.INTAKE_CAPACITY + PRODUCERS);
        elt.close(); // stop() is handled
        assertThat(elt.thread().isAlive()).isFalse();
    }
}
