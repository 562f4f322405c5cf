package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.internal.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Shutdown keeps its promises: a submission accepted before a loop closes ends (with its result,
 * cancelled, or with a clear "loop closed" error), a submission after it is refused at once, and no
 * {@code get()} hangs.
 */
class ShutdownRulesTest {
    private static final int PRODUCERS = 4;
    private static final int ACCEPTED_BEFORE_CLOSE = 2_000;

    /** Waits (with a guard against a hang) until every one of {@code futures} is done, or the guard ends. */
    private static void awaitAll(java.util.Collection<CompletableFuture<?>> futures) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | CancellationException | TimeoutException e) {
            // classified one by one below
        }
    }

    /** How an accepted submission ended, or "pending" if it has not. */
    private static String outcome(CompletableFuture<?> cf) {
        if (!cf.isDone()) {
            return "pending";
        }
        try {
            cf.get(0, TimeUnit.SECONDS);
            return "result";
        } catch (CancellationException e) {
            return "cancelled";
        } catch (ExecutionException e) {
            return e.getCause() instanceof IllegalStateException ise && ise.getMessage().contains("closed")
                    ? "loop closed" : "error " + e.getCause();
        } catch (TimeoutException e) {
            return "pending";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Test
    void closingAnEventLoopThreadWhileOthersSubmitEndsEverySubmissionItAccepted() throws Exception {
        long fibers = Engine.liveFibers();
        EventLoopThread elt = EventLoopThread.start("shutdown-under-submissions");
        ConcurrentLinkedQueue<CompletableFuture<?>> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(ACCEPTED_BEFORE_CLOSE);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int id = p;
            producers.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                for (int i = 0; ; i++) {
                    int n = i;
                    Coroutine<Integer> coro = switch (n % 3) {
                        case 0 -> Coroutine.of(a -> n);
                        case 1 -> Coroutine.of(a -> {
                            a.await(AsyncIO.sleep(0));
                            return n;
                        });
                        default -> Coroutine.of(a -> a.await(AsyncIO.getRunningLoop().<Integer>createFuture()));
                    };
                    try {
                        accepted.add(id % 2 == 0 ? elt.submit(coro) : AsyncIO.runCoroutineThreadsafe(coro, elt.getLoop()));
                    } catch (IllegalStateException closed) {
                        assertThat(closed).hasMessageContaining("closed");
                        refused.incrementAndGet();
                        coro.close();
                        return;
                    }
                    enough.countDown();
                }
            }));
        }
        enough.await();
        elt.close();
        for (Thread t : producers) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }

        awaitAll(accepted);
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (CompletableFuture<?> cf : accepted) {
            outcomes.merge(outcome(cf), 1, Integer::sum);
        }
        System.out.println("outcomes of " + accepted.size() + " accepted submissions: " + outcomes);
        assertThat(outcomes).doesNotContainKeys("pending", "interrupted");
        assertThat(outcomes.keySet()).allMatch(k -> k.equals("result") || k.equals("cancelled") || k.equals("loop closed"));
        assertThat(refused).hasValue(PRODUCERS);
        assertThatThrownBy(() -> elt.submit(Coroutine.of(a -> 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(elt.thread().isAlive()).isFalse();
        assertThat(Engine.liveFibers()).isEqualTo(fibers);
    }

    @Test
    void aLoopFutureSeenFromAnotherThreadEndsWhenItsLoopCloses() throws Exception {
        EventLoopThread elt = EventLoopThread.start("future-at-close");
        CompletableFuture<Future<Integer>> made = new CompletableFuture<>();
        elt.getLoop().callSoonThreadsafe(() -> made.complete(elt.getLoop().createFuture()));
        CompletableFuture<Integer> seen = made.get().toCompletableFuture();
        elt.close();
        awaitAll(List.of(seen));
        assertThat(outcome(seen)).isIn("cancelled", "loop closed");
        assertThat(outcome(made.get().toCompletableFuture())).isEqualTo("loop closed");
    }
}
