package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Coroutine to Mono: cancellation, Reactor's hooks, loop shutdown, fail-fast, and the awaited Publisher. */
class TaskMonoTest {

    @org.junit.jupiter.api.BeforeAll
    static void boundEveryVerification() {
        StepVerifier.setDefaultTimeout(java.time.Duration.ofSeconds(10)); // a broken rule fails, never hangs
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreVerificationTimeout() {
        StepVerifier.resetDefaultTimeout();
    }
    private static EventLoopThread loopThread;
    private static EventLoop loop;

    @BeforeAll
    static void startLoop() {
        loopThread = EventLoopThread.start("task-mono-test");
        loop = loopThread.getLoop();
    }

    @AfterAll
    static void stopLoop() {
        loopThread.close();
    }

    // ---- issue 12 §1: a Mono's future never hangs when its loop shuts down under it

    @Test
    void everyMonoFutureEndsWhenItsLoopShutsDownUnderIt() throws Exception {
        for (int round = 0; round < 5; round++) {
            EventLoopThread own = EventLoopThread.start("mono-shutdown-" + round);
            EventLoop l = own.getLoop();
            List<CompletableFuture<String>> futures = new CopyOnWriteArrayList<>();
            CountDownLatch submitting = new CountDownLatch(3);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    submitting.countDown();
                    for (int i = 0; i < 200; i++) {
                        futures.add(ReactorBridge.mono(l, () -> Coroutine.of(a -> {
                            a.await(AsyncIO.sleep(Duration.ofHours(1)));
                            return "late";
                        })).toFuture());
                    }
                }));
            }
            submitting.await();
            own.close();
            for (Thread t : threads) {
                t.join();
            }
            try {
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException someFailed) {
                // expected: the loop closed under them
            } catch (java.util.concurrent.TimeoutException hung) {
                long pending = futures.stream().filter(f -> !f.isDone()).count();
                assertThat(pending).as("futures left pending after the loop closed (round " + round + ")").isZero();
            }
            assertThat(futures).hasSize(600).allMatch(CompletableFuture::isDone);
        }
    }

    // ---- issue 12 §6: after a downstream cancel, a late exception reaches Reactor's hook

    @Test
    void anExceptionRaisedAfterADownstreamCancelGoesToOnErrorDropped() throws Exception {
        int rounds = 20;
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(rounds);
        Hooks.onErrorDropped(e -> {
            dropped.add(e);
            reported.countDown();
        });
        try {
            for (int i = 0; i < rounds; i++) {
                CountDownLatch started = new CountDownLatch(1);
                StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.<String>of(a -> {
                    started.countDown();
                    try {
                        return a.await(AsyncIO.sleep(3600, "never"));
                    } catch (CancelledError e) {
                        throw new IllegalStateException("raised after the cancel");
                    }
                }))).then(() -> await(started)).thenCancel().verify(Duration.ofSeconds(10));
            }
            assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            Hooks.resetOnErrorDropped();
        }
        assertThat(dropped).hasSize(rounds).allSatisfy(e -> assertThat(e).hasMessage("raised after the cancel"));
    }

    @Test
    void monoTestUnhandledExceptionAfterCancellingItsOwnSubscription() throws Exception {
        // ported from kotlinx.coroutines MonoTest.testUnhandledException
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        List<String> signals = new CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(1);
        AtomicReference<Throwable> dropped = new AtomicReference<>();
        Hooks.onErrorDropped(e -> {
            dropped.set(e);
            reported.countDown();
        });
        try {
            ReactorBridge.mono(loop, () -> Coroutine.<String>of(a -> {
                subscription.get().cancel(); // cancel our own subscription, so that the sleep gets cancelled
                try {
                    return a.await(AsyncIO.sleep(3600, "never"));
                } finally {
                    throw new IllegalStateException("TestException"); // nobody to tell but the hook
                }
            })).subscribe(new CoreSubscriber<String>() {
                @Override
                public void onSubscribe(Subscription s) {
                    subscription.set(s);
                }

                @Override
                public void onNext(String v) {
                    signals.add("next");
                }

                @Override
                public void onError(Throwable t) {
                    signals.add("error");
                }

                @Override
                public void onComplete() {
                    signals.add("complete");
                }
            });
            assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            Hooks.resetOnErrorDropped();
        }
        assertThat(dropped.get()).hasMessage("TestException");
        assertThat(signals).isEmpty();
    }

    // ---- issue 12 §6: an awaited Publisher whose await is cancelled drops nothing

    @Test
    void anErrorInFlightWhenTheAwaitIsCancelledIsNotReportedAsDropped() throws Exception {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            // a Publisher whose cancel races with its own error: the error arrives during the cancel
            Publisher<String> racing = s -> s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    s.onError(new IllegalStateException("in flight"));
                }
            });
            String outcome = loopThread.submit(Coroutine.of(a -> {
                var waiting = AsyncIO.createTask(Coroutine.of(b -> b.await(ReactorBridge.awaitable(racing))));
                a.await(AsyncIO.sleep(0));
                waiting.cancel();
                try {
                    return a.await(waiting);
                } catch (CancelledError e) {
                    return "cancelled";
                }
            })).get(10, TimeUnit.SECONDS);
            assertThat(outcome).isEqualTo("cancelled");
        } finally {
            Hooks.resetOnErrorDropped();
        }
        assertThat(dropped).isEmpty();
    }

    // ---- issue 9 §2: fail fast

    @Test
    void aLoopThatIsNotRunningOrClosedFailsAtSubscribe() {
        EventLoop idle = AsyncIO.newEventLoop();
        try {
            StepVerifier.create(ReactorBridge.mono(idle, () -> Coroutine.of(a -> "never runs")))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("not running"))
                    .verify(Duration.ofSeconds(10));
        } finally {
            idle.close();
        }
        StepVerifier.create(ReactorBridge.mono(idle, () -> Coroutine.of(a -> "never runs")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("closed"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aFutureAlreadyDoneNeedsNoRunningLoop() {
        String value = AsyncIO.run(Coroutine.of(a -> "done"));
        EventLoop closed = AsyncIO.newEventLoop();
        Future<String> done = closed.createFuture();
        done.setResult(value);
        closed.close();
        StepVerifier.create(ReactorBridge.mono(done)).expectNext("done").verifyComplete();
    }

    // ---- Reactive Streams edge rules and completion

    @Test
    void aValueCompletesAtOnceUnderExactDemand() {
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a -> "OK")), 1).expectNext("OK").verifyComplete();
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a -> "OK")), 0)
                .expectSubscription().thenRequest(1).expectNext("OK").verifyComplete();
    }

    @Test
    void requestZeroIsOnErrorAfterTheTaskIsCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Subscription> sub = new AtomicReference<>();
        ReactorBridge.mono(loop, () -> Coroutine.<String>of(a -> {
            started.countDown();
            try {
                return a.await(AsyncIO.sleep(3600, "never"));
            } finally {
                cancelled.countDown();
            }
        })).subscribe(new CoreSubscriber<String>() {
            @Override
            public void onSubscribe(Subscription s) {
                sub.set(s);
            }

            @Override
            public void onNext(String v) {
            }

            @Override
            public void onError(Throwable t) {
                error.set(t);
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        sub.get().request(0);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelled.getCount()).isZero();
        assertThat(error.get()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("§3.9");
    }

    @Test
    void onNextThrowingIsOnError() throws Exception {
        IllegalStateException boom = new IllegalStateException("subscriber failed");
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        ReactorBridge.mono(loop, () -> Coroutine.of(a -> "OK")).subscribe(new CoreSubscriber<String>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(1);
            }

            @Override
            public void onNext(String v) {
                throw boom;
            }

            @Override
            public void onError(Throwable t) {
                error.set(t);
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(error.get()).isSameAs(boom);
    }

    // ---- ported from kotlinx.coroutines MonoTest

    @Test
    void monoTestBasicSuccessFailureEmpty() {
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a -> "OK"))).expectNext("OK").verifyComplete();
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.<String>of(a -> {
            throw new RuntimeException("OK");
        }))).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RuntimeException.class).hasMessage("OK")).verify();
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.<String>of(a -> null))).verifyComplete();
    }

    @Test
    void monoTestBasicUnsubscribeCancelsTheCoroutineAndSignalsNothing() throws Exception {
        List<String> signals = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        Disposable sub = ReactorBridge.mono(loop, () -> Coroutine.<String>of(a -> {
            started.countDown();
            try {
                return a.await(AsyncIO.sleep(3600, "never"));
            } catch (CancelledError e) {
                cancelled.countDown();
                throw e;
            }
        })).subscribe(v -> signals.add("next"), e -> signals.add("error"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        sub.dispose();
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch drained = new CountDownLatch(1);
        loop.callSoonThreadsafe(drained::countDown);
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(signals).isEmpty();
    }

    @Test
    void monoTestAwaitingPublishersInsideTheCoroutine() {
        // testMonoAwait, testMonoEmitAndAwait, testMonoWithDelay, testAwaitFirst
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a ->
                a.await(ReactorBridge.awaitable(Mono.just("O"))) + "K"))).expectNext("OK").verifyComplete();
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a ->
                        a.await(ReactorBridge.awaitable(Flux.just("O").delayElements(Duration.ofMillis(5)))) + "K")))
                .expectNext("OK").verifyComplete();
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a ->
                a.await(ReactorBridge.awaitable(Flux.just("O", "#"))) + "K"))).expectNext("OK").verifyComplete();
    }

    @Test
    void monoTestExceptionFromFluxAndFromCoroutine() {
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a -> {
            try {
                return a.await(ReactorBridge.awaitable(Flux.<String>error(new RuntimeException("O"))));
            } catch (RuntimeException e) {
                return a.await(ReactorBridge.awaitable(Flux.just(e.getMessage()))) + "K";
            }
        }))).expectNext("OK").verifyComplete();
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.<String>of(a -> {
            throw new IllegalStateException(a.await(ReactorBridge.awaitable(Flux.just("O"))) + "K");
        }))).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessage("OK")).verify();
    }

    static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

}
