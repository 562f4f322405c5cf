package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.coroutine.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Thread-safety errors are errors: a loop method that is not thread-safe, called from a foreign thread
 * while the loop runs, raises a clear error in every mode (not only debug mode, where CPython checks),
 * schedules nothing, and leaves the loop working.
 */
class ThreadSafetyRulesTest {
    private static final int THREADS = 4;
    private static final int CALLS = 5_000;

    @Test
    void foreignCallsToNonThreadSafeMethodsRaiseAndTheLoopStaysWhole() throws Exception {
        try (EventLoopThread elt = EventLoopThread.start("thread-safety")) {
            EventLoop loop = elt.getLoop();
            assertThat(loop.getDebug()).isFalse();
            AtomicInteger ran = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            java.util.Set<String> messages = ConcurrentHashMap.newKeySet();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < CALLS; i++) {
                        try {
                            switch (i % 3) {
                                case 0 -> loop.callSoon(ran::incrementAndGet);
                                case 1 -> loop.callLater(0.0, ran::incrementAndGet);
                                default -> loop.createTask(Coroutine.ofVoid(a -> ran.incrementAndGet()));
                            }
                        } catch (IllegalStateException e) {
                            refused.incrementAndGet();
                            messages.add(e.getMessage());
                        }
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            // The loop still works: a submitted coroutine runs callbacks, timers and a task.
            int after = elt.submit(Coroutine.of(a -> {
                AtomicInteger n = new AtomicInteger();
                AsyncIO.getRunningLoop().callSoon(n::incrementAndGet);
                AsyncIO.getRunningLoop().callLater(0.001, n::incrementAndGet);
                a.await(AsyncIO.createTask(Coroutine.ofVoid(t -> n.incrementAndGet())));
                a.await(AsyncIO.sleep(0.002));
                return n.get();
            })).get(30, TimeUnit.SECONDS);
            assertThat(after).isEqualTo(3);
            assertThat(refused).hasValue(THREADS * CALLS);
            assertThat(ran).hasValue(0);
            assertThat(messages).containsExactly(
                    "Non-thread-safe operation invoked on an event loop other than the current one");
        }
    }
}
