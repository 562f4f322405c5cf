package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.GeneratorExit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The send-driven operator: its own subscription, demand one for one, and closing the generator exactly once. */
class SendDrivenTest {

    @org.junit.jupiter.api.BeforeAll
    static void boundEveryVerification() {
        StepVerifier.setDefaultTimeout(java.time.Duration.ofSeconds(10)); // a broken rule fails, never hangs
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreVerificationTimeout() {
        StepVerifier.resetDefaultTimeout();
    }

    /** A doubler that logs its close and counts its finally blocks. */
    static final class Doubler {
        final List<String> log = new CopyOnWriteArrayList<>();
        final AtomicInteger finallies = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);

        Generator<Integer, Integer, Void> gen() {
            return Generator.ofVoid(g -> {
                try {
                    Integer in = g.yield(null);
                    while (true) {
                        in = g.yield(in * 2);
                    }
                } catch (GeneratorExit e) {
                    log.add("GeneratorExit");
                    throw e;
                } finally {
                    finallies.incrementAndGet();
                    log.add("finally");
                    closed.countDown();
                }
            });
        }
    }

    // ---- issue 12 §2: cancel from another thread while items flow

    @Test
    void cancelFromAnotherThreadWhileItemsFlowClosesTheGeneratorExactlyOnce() throws Exception {
        Scheduler producer = Schedulers.newSingle("producer");
        try {
            int closedOnce = 0;
            for (int round = 0; round < 300; round++) {
                Doubler d = new Doubler();
                CountDownLatch flowing = new CountDownLatch(1);
                Disposable subscription = Flux.range(0, Integer.MAX_VALUE).subscribeOn(producer)
                        .transform(ReactorBridge.operator(d::gen))
                        .subscribe(v -> flowing.countDown());
                assertThat(flowing.await(10, TimeUnit.SECONDS)).isTrue();
                subscription.dispose(); // from this thread, while the producer thread sends items in
                assertThat(d.closed.await(10, TimeUnit.SECONDS)).as("round %d: the generator was closed", round).isTrue();
                if (d.finallies.get() == 1 && d.log.equals(List.of("GeneratorExit", "finally"))) {
                    closedOnce++;
                }
            }
            assertThat(closedOnce).isEqualTo(300);
        } finally {
            producer.dispose();
        }
    }

    @Test
    void cancelWhileTheGeneratorRunsClosesItWhenItReturnsToItsYield() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicReference<Subscription> sub = new AtomicReference<>();
        Thread upstreamThread = new Thread(() -> Flux.just(1, 2, 3).transform(ReactorBridge.operator(() ->
                Generator.<Integer, Integer>ofVoid(g -> {
                    try {
                        Integer in = g.yield(null);
                        while (true) {
                            if (in == 1) {
                                inside.countDown();
                                awaitLatch(release); // still running when the cancel comes
                            }
                            in = g.yield(in);
                        }
                    } finally {
                        log.add("finally on " + Thread.currentThread().getName().startsWith("upstream"));
                    }
                }))).subscribe(new BaseSubscriber<Integer>() {
                    @Override
                    protected void hookOnSubscribe(Subscription s) {
                        sub.set(s);
                        s.request(Long.MAX_VALUE);
                    }
                }), "upstream-thread");
        upstreamThread.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        sub.get().cancel(); // the generator is running on the other thread: it cannot be closed now
        assertThat(log).isEmpty();
        release.countDown();
        upstreamThread.join(10_000);
        assertThat(log).hasSize(1); // closed once, by the thread that was running it, as soon as it stopped
    }

    // ---- demand, priming, ends

    @Test
    void thePrimedValueWaitsForDemandAndSurvivesAnEmptyUpstream() {
        Supplier<Generator<String, Integer, Void>> greeter = () -> Generator.ofVoid(g -> {
            Integer in = g.yield("hello");
            while (true) {
                in = g.yield("got " + in);
            }
        });
        StepVerifier.create(Flux.<Integer>empty().transform(ReactorBridge.operator(greeter)), 0)
                .expectSubscription()
                .expectNoEvent(java.time.Duration.ofMillis(10))
                .thenRequest(1)
                .expectNext("hello")
                .verifyComplete();
        List<Long> requests = new CopyOnWriteArrayList<>();
        StepVerifier.create(Flux.range(1, 5).doOnRequest(requests::add).transform(ReactorBridge.operator(greeter)), 3)
                .expectNext("hello", "got 1", "got 2")
                .thenRequest(3).expectNext("got 3", "got 4", "got 5")
                .verifyComplete();
        assertThat(requests.get(0)).isEqualTo(2); // the primed value used one unit of the first request
    }

    @Test
    void aNullYieldEmitsNothingAndAsksForOneMoreItem() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        StepVerifier.create(Flux.range(1, 10).doOnRequest(requests::add)
                        .transform(ReactorBridge.operator(() -> Generator.<Integer, Integer>ofVoid(g -> {
                            Integer in = g.yield(null);
                            while (true) {
                                in = g.yield(in % 2 == 0 ? in : null); // evens only
                            }
                        }))), 2)
                .expectNext(2, 4)
                .thenCancel().verify();
        assertThat(requests.stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
    }

    @Test
    void aReturnEndsTheStreamAndCancelsUpstream() {
        AtomicBoolean upstreamCancelled = new AtomicBoolean();
        StepVerifier.create(Flux.range(1, 100).doOnCancel(() -> upstreamCancelled.set(true))
                        .transform(ReactorBridge.operator(() -> Generator.<Integer, Integer>ofVoid(g -> {
                            Integer in = g.yield(null);
                            while (in < 3) {
                                in = g.yield(in);
                            }
                        }))))
                .expectNext(1, 2).verifyComplete();
        assertThat(upstreamCancelled).isTrue();
    }

    @Test
    void theReplyToAnUpstreamErrorWaitsForDemandThenTheGeneratorIsClosed() {
        List<String> log = new CopyOnWriteArrayList<>();
        StepVerifier.create(Flux.just(1).concatWith(Flux.error(new IllegalArgumentException("bad")))
                        .transform(ReactorBridge.operator(() -> Generator.<String, Integer>ofVoid(g -> {
                            try {
                                Integer in = g.yield(null);
                                while (true) {
                                    in = g.yield("got " + in);
                                }
                            } catch (IllegalArgumentException e) {
                                g.yield("handled " + e.getMessage());
                            } finally {
                                log.add("finally");
                            }
                        }))), 1)
                .expectNext("got 1")
                .expectNoEvent(java.time.Duration.ofMillis(10))
                .then(() -> assertThat(log).isEmpty())
                .thenRequest(1)
                .expectNext("handled bad")
                .verifyComplete();
        assertThat(log).containsExactly("finally");
    }

    @Test
    void completionAfterExactDemandFollowsUpstream() {
        Doubler d = new Doubler();
        StepVerifier.create(Flux.just(1, 2, 3).transform(ReactorBridge.operator(d::gen)), 3)
                .expectNext(2, 4, 6)
                .verifyComplete();
        assertThat(d.log).containsExactly("GeneratorExit", "finally");
    }

    // ---- Reactive Streams edge rules (issue 12 §6)

    @Test
    void onNextThrowingOnTheLastUnitOfDemandCancelsUpstreamClosesAndSignalsOnError() {
        Doubler d = new Doubler();
        AtomicBoolean upstreamCancelled = new AtomicBoolean();
        IllegalStateException boom = new IllegalStateException("subscriber failed");
        AtomicReference<Throwable> error = new AtomicReference<>();
        Flux.range(1, 10).doOnCancel(() -> upstreamCancelled.set(true)).transform(ReactorBridge.operator(d::gen))
                .subscribe(new BaseSubscriber<Integer>() {
                    @Override
                    protected void hookOnSubscribe(Subscription s) {
                        s.request(2);
                    }

                    @Override
                    protected void hookOnNext(Integer v) {
                        if (v == 4) {
                            throw boom;
                        }
                    }

                    @Override
                    protected void hookOnError(Throwable t) {
                        error.set(t);
                    }
                });
        assertThat(error.get()).isSameAs(boom);
        assertThat(upstreamCancelled).isTrue();
        assertThat(d.log).containsExactly("GeneratorExit", "finally");
    }

    @Test
    void requestZeroInsideOnNextIsOnErrorAfterTheGeneratorIsClosed() {
        Doubler d = new Doubler();
        List<String> signals = new ArrayList<>();
        Flux.range(1, 10).transform(ReactorBridge.operator(d::gen)).subscribe(new CoreSubscriber<Integer>() {
            Subscription s;

            @Override
            public void onSubscribe(Subscription s) {
                this.s = s;
                s.request(3);
            }

            @Override
            public void onNext(Integer v) {
                signals.add("next " + v);
                s.request(0); // raw: BaseSubscriber would filter it out
            }

            @Override
            public void onError(Throwable t) {
                signals.add("error §3.9=" + t.getMessage().contains("§3.9") + " closed=" + d.log.contains("finally"));
            }

            @Override
            public void onComplete() {
                signals.add("complete");
            }
        });
        assertThat(signals).containsExactly("next 2", "error §3.9=true closed=true");
    }

    @Test
    void anExceptionFromAFinallyBlockOnCancelGoesToOnErrorDropped() {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            StepVerifier.create(Flux.range(1, 10).transform(ReactorBridge.operator(() -> Generator.<Integer, Integer>ofVoid(g -> {
                try {
                    Integer in = g.yield(null);
                    while (true) {
                        in = g.yield(in);
                    }
                } finally {
                    throw new IllegalStateException("FAILED in finally");
                }
            }))), 1).expectNext(1).thenCancel().verify();
        } finally {
            Hooks.resetOnErrorDropped();
        }
        assertThat(dropped).singleElement().satisfies(e -> assertThat(e).hasMessage("FAILED in finally"));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
