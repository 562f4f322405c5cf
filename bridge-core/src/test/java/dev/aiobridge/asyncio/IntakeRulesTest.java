package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cross-thread intake ({@code callSoonThreadsafe}): other threads wake the loop's selector only when
 * the loop waits (or is about to) in it, not once per call; calls from many threads each run once, in
 * each thread's order.
 */
class IntakeRulesTest {

    @Test
    void callsWhileTheLoopIsBusyWakeNoSelector() throws Exception {
        AtomicInteger wakeups = new AtomicInteger();
        SelectorEventLoop selectorLoop = new SelectorEventLoop(() -> new CountingSelector(wakeups));
        try (EventLoopThread thread = EventLoopThread.start("intake-wakeups", () -> selectorLoop)) {
            EventLoop loop = thread.getLoop();
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            loop.callSoonThreadsafe(() -> {
                busy.countDown();
                awaitQuietly(release); // the loop runs a callback: it is not in its selector
            });
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();

            int during;
            AtomicInteger ran = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            try {
                int before = wakeups.get();
                for (int i = 0; i < 1000; i++) {
                    loop.callSoonThreadsafe(ran::incrementAndGet);
                }
                loop.callSoonThreadsafe(done::countDown);
                during = wakeups.get() - before;
            } finally {
                release.countDown();
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(during).isZero(); // without the suppression: 1001 wakeups, one system call each
            assertThat(ran).hasValue(1000);
        }
    }

    @Test
    void callsFromManyThreadsRunOnceEachInEachThreadsOrder() throws Exception {
        int producers = 4;
        int perProducer = 5000;
        try (EventLoopThread thread = EventLoopThread.start("intake-producers")) {
            EventLoop loop = thread.getLoop();
            int[] next = new int[producers]; // the loop's thread only
            List<String> errors = new ArrayList<>(); // the loop's thread only
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(producers * perProducer);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                threads.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                    awaitQuietly(start);
                    for (int i = 0; i < perProducer; i++) {
                        int seq = i;
                        loop.callSoonThreadsafe(() -> {
                            if (next[producer] != seq) {
                                errors.add("producer " + producer + ": call " + seq + " ran after " + next[producer]);
                            }
                            next[producer] = seq + 1;
                            done.countDown();
                        });
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            List<String> seen = new ArrayList<>();
            int[] counts = new int[producers];
            CountDownLatch read = new CountDownLatch(1);
            loop.callSoonThreadsafe(() -> {
                seen.addAll(errors);
                System.arraycopy(next, 0, counts, 0, producers);
                read.countDown();
            });
            assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).isEmpty();
            assertThat(counts).containsOnly(perProducer);
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

    /** A real selector that counts its wakeups; the loop registers no channel in these tests. */
    private static final class CountingSelector extends AbstractSelector {
        private final Selector inner;
        private final AtomicInteger wakeups;

        CountingSelector(AtomicInteger wakeups) throws IOException {
            super(SelectorProvider.provider());
            this.inner = Selector.open();
            this.wakeups = wakeups;
        }

        @Override
        protected void implCloseSelector() throws IOException {
            inner.close();
        }

        @Override
        protected SelectionKey register(AbstractSelectableChannel ch, int ops, Object att) {
            throw new UnsupportedOperationException("no channel in this test");
        }

        @Override
        public Set<SelectionKey> keys() {
            return inner.keys();
        }

        @Override
        public Set<SelectionKey> selectedKeys() {
            return inner.selectedKeys();
        }

        @Override
        public int selectNow() throws IOException {
            return inner.selectNow();
        }

        @Override
        public int select(long timeout) throws IOException {
            return inner.select(timeout);
        }

        @Override
        public int select() throws IOException {
            return inner.select();
        }

        @Override
        public Selector wakeup() {
            wakeups.incrementAndGet();
            inner.wakeup();
            return this;
        }
    }
}
