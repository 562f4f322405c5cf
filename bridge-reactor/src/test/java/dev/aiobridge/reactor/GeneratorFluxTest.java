package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.builtins.GeneratorExit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.test.StepVerifier;

/** Generator factory to Flux: demand, suspension, cancellation, errors, races. */
class GeneratorFluxTest {

    @org.junit.jupiter.api.BeforeAll
    static void boundEveryVerification() {
        StepVerifier.setDefaultTimeout(java.time.Duration.ofSeconds(10)); // a broken rule fails, never hangs
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreVerificationTimeout() {
        StepVerifier.resetDefaultTimeout();
    }

    /** A counter that logs what the generator does, so demand is observed at the generator itself. */
    // tag::counter[]
    static final class Counter {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger produced = new AtomicInteger();

        Generator<Integer, Object, String> gen(int n) {
            return Generator.of(g -> {
                log.add("start");
                try {
                    for (int i = 0; i < n; i++) {
                        produced.incrementAndGet();
                        g.yield(i);
                    }
                    return "done";
                } catch (GeneratorExit e) {
                    log.add("GeneratorExit");
                    throw e;
                } finally {
                    log.add("finally");
                }
            });
        }
    }
    // end::counter[]

    @Test
    void requestNProducesExactlyNAndTheGeneratorWaitsWithoutDemand() {
        Counter c = new Counter();
        // tag::stepverifier[]
        StepVerifier.create(ReactorBridge.flux(() -> c.gen(100)), 0)
                .then(() -> assertThat(c.log).isEmpty()) // cold: nothing before the first request
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(() -> assertThat(c.produced.get()).isEqualTo(3))
                .thenRequest(2)
                .expectNext(3, 4)
                .then(() -> assertThat(c.produced.get()).isEqualTo(5))
                .expectNoEvent(Duration.ofMillis(20))
                .then(() -> assertThat(c.produced.get()).isEqualTo(5))
                .thenCancel()
                .verify();
        // end::stepverifier[]
        assertThat(c.log).containsExactly("start", "GeneratorExit", "finally");
    }

    @Test
    void theReturnCompletesAndTheReturnValueCanFlowOn() {
        Counter c = new Counter();
        StepVerifier.create(ReactorBridge.flux(() -> c.gen(3))).expectNext(0, 1, 2).verifyComplete();
        // tag::returnvalue[]
        StepVerifier.create(ReactorBridge.<Object, String>flux(() -> Generator.<Object, Object, String>of(g -> {
            g.yield(1);
            return "summary";
        }), r -> "returned " + r)).expectNext(1, "returned summary").verifyComplete();
        // end::returnvalue[]
    }

    @Test
    void anUnboundedRequestRunsTheGeneratorInOneResume() {
        AtomicInteger resumesSeen = new AtomicInteger();
        Flux<Integer> flux = ReactorBridge.flux(() -> Generator.<Integer, Object>ofVoid(g -> {
            Thread me = Thread.currentThread();
            for (int i = 0; i < 1000; i++) {
                g.yield(i);
                if (Thread.currentThread() != me) {
                    resumesSeen.incrementAndGet();
                }
            }
        }));
        StepVerifier.create(flux).expectNextCount(1000).verifyComplete();
        assertThat(resumesSeen.get()).isZero();
    }

    @Test
    void aBodyExceptionIsOnErrorAfterTheValuesBeforeIt() {
        IllegalStateException boom = new IllegalStateException("boom");
        StepVerifier.create(ReactorBridge.flux(() -> Generator.<Integer, Object>ofVoid(g -> {
            g.yield(1);
            throw boom;
        }))).expectNext(1).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom)).verify();
    }

    @Test
    void aNullYieldIsAClearError() {
        StepVerifier.create(ReactorBridge.flux(() -> Generator.<Integer, Object>ofVoid(g -> {
            g.yield(1);
            g.yield(null);
        }))).expectNext(1).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("yielded null")).verify();
        // in the fast path too (the null comes while demand remains)
        StepVerifier.create(ReactorBridge.flux(() -> Generator.<Integer, Object>ofVoid(g -> {
            g.yield(1);
            g.yield(null);
            g.yield(2);
        }))).expectNext(1).expectError(NullPointerException.class).verify();
    }

    @Test
    void aNonPositiveRequestIsRule3_9() {
        Counter c = new Counter();
        AtomicReference<Throwable> error = new AtomicReference<>();
        ReactorBridge.flux(() -> c.gen(10)).subscribe(new BaseSubscriber<Integer>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                s.request(0);
            }

            @Override
            protected void hookOnError(Throwable t) {
                error.set(t);
            }
        });
        assertThat(error.get()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("§3.9");
    }

    @Test
    void cancelInsideOnNextClosesAtTheNextYield() {
        Counter c = new Counter();
        List<Integer> got = new ArrayList<>();
        ReactorBridge.flux(() -> c.gen(100)).subscribe(new BaseSubscriber<Integer>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            protected void hookOnNext(Integer v) {
                got.add(v);
                if (v == 4) {
                    cancel();
                }
            }
        });
        assertThat(got).containsExactly(0, 1, 2, 3, 4);
        assertThat(c.log).containsExactly("start", "GeneratorExit", "finally");
    }

    @Test
    void requestsFromOnNextKeepTheFastPathGoing() {
        Counter c = new Counter();
        StepVerifier.create(ReactorBridge.flux(() -> c.gen(1000)).limitRate(16)).expectNextCount(1000).verifyComplete();
        assertThat(c.produced.get()).isEqualTo(1000);
    }

    @RepeatedTest(20)
    void requestAndCancelRacingFromTwoThreadsLeaveTheGeneratorClosedOnce() throws Exception {
        Counter c = new Counter();
        AtomicReference<Subscription> sub = new AtomicReference<>();
        ReactorBridge.flux(() -> c.gen(1_000_000)).subscribe(new BaseSubscriber<Integer>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                sub.set(s);
            }
        });
        CountDownLatch go = new CountDownLatch(1);
        Thread requester = new Thread(() -> {
            await(go);
            for (int i = 0; i < 200; i++) {
                sub.get().request(3);
            }
        });
        Thread canceller = new Thread(() -> {
            await(go);
            sub.get().cancel();
        });
        requester.start();
        canceller.start();
        go.countDown();
        requester.join();
        canceller.join();
        // cancelled before it started: nothing of it ran; else it was closed exactly once at a yield
        List<String> log = new ArrayList<>(c.log);
        assertThat(log.isEmpty() || log.equals(List.of("start", "GeneratorExit", "finally")))
                .as("log %s", log).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void eachSubscriberGetsItsOwnGenerator() {
        Counter c = new Counter();
        Flux<Integer> flux = ReactorBridge.flux(() -> c.gen(3));
        StepVerifier.create(flux.concatWith(flux)).expectNext(0, 1, 2, 0, 1, 2).verifyComplete();
        assertThat(c.log).containsExactly("start", "finally", "start", "finally");
    }

    @Test
    void aPipelineComposesStagesAndItsReturnValueFlowsOn() {
        Pipeline<String, Integer> lines = Pipeline.from(() -> Generator.<String, Object>ofVoid(g -> {
            for (String s : List.of("1", "x", "2", "3", "y")) {
                g.yield(s);
            }
        })).then(src -> Generator.<String, Object, Integer>of(g -> {
            int bad = 0;
            for (String s : src) {
                if (s.chars().allMatch(Character::isDigit)) {
                    g.yield(s);
                } else {
                    bad++;
                }
            }
            return bad;
        }));
        StepVerifier.create(lines.toFlux(bad -> "malformed=" + bad))
                .expectNext("1", "2", "3", "malformed=2").verifyComplete();
    }

    // ---- the fast-consumer path (issue 8 §4): it must be measurable, so disabling it fails here

    @Test
    void aSubscriberThatRequestsFromOnNextKeepsTheGeneratorRunningWithoutASwitch() {
        AtomicReference<Generator<Integer, Object, Void>> gen = new AtomicReference<>();
        List<Boolean> emittedInsideTheBody = new ArrayList<>();
        Flux<Integer> flux = ReactorBridge.flux(() -> {
            gen.set(Generator.ofVoid(g -> {
                for (int i = 0; i < 1024; i++) {
                    g.yield(i);
                }
            }));
            return gen.get();
        });
        flux.subscribe(new BaseSubscriber<Integer>() {
            int inBatch;

            @Override
            protected void hookOnSubscribe(Subscription s) {
                s.request(256);
            }

            @Override
            protected void hookOnNext(Integer v) {
                // running: we are on the generator's own stack (the yield handed the value over and goes
                // on); suspended: the generator switched back to the drain to deliver it.
                emittedInsideTheBody.add(gen.get().isRunning());
                if (++inBatch == 256) {
                    inBatch = 0;
                    request(256);
                }
            }
        });
        assertThat(emittedInsideTheBody).hasSize(1024);
        long switches = emittedInsideTheBody.stream().filter(inside -> !inside).count();
        assertThat(switches).as("every value, the last of each request(256) batch too, emitted on the "
                + "generator's stack: onNext asked for more before the body went on").isZero();
    }

    @Test
    void aRequestMadeLaterCostsOneSwitchPerBatchAndNothingRunsAhead() {
        AtomicInteger produced = new AtomicInteger();
        AtomicReference<Generator<Integer, Object, Void>> gen = new AtomicReference<>();
        Flux<Integer> flux = ReactorBridge.flux(() -> {
            gen.set(Generator.ofVoid(g -> {
                for (int i = 0; i < 1024; i++) {
                    produced.incrementAndGet();
                    g.yield(i);
                }
            }));
            return gen.get();
        });
        List<Boolean> emittedInsideTheBody = new ArrayList<>();
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        flux.subscribe(new BaseSubscriber<Integer>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                subscription.set(s);
            }

            @Override
            protected void hookOnNext(Integer v) {
                emittedInsideTheBody.add(gen.get().isRunning());
            }
        });
        for (int batch = 1; batch <= 4; batch++) {
            subscription.get().request(256);
            assertThat(emittedInsideTheBody).hasSize(256 * batch);
            assertThat(produced.get()).as("lazy: the body waits at the yield of the last value asked for")
                    .isEqualTo(256 * batch);
            assertThat(gen.get().state()).isEqualTo(dev.aiobridge.generator.GeneratorState.SUSPENDED);
        }
        assertThat(emittedInsideTheBody).containsOnly(true);
    }

    // ---- Reactive Streams edge rules (issue 12 §6)

    @Test
    void onNextThrowingOnTheLastUnitOfDemandCancelsClosesAndSignalsOnError() {
        Counter c = new Counter();
        IllegalStateException boom = new IllegalStateException("subscriber failed");
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicReference<Subscription> sub = new AtomicReference<>();
        // must not throw out of subscribe (RS §2.13: the subscription is cancelled instead); a raw
        // subscriber, as BaseSubscriber would itself turn an exception out of request() into a cancel
        ReactorBridge.flux(() -> c.gen(10)).subscribe(new CoreSubscriber<Integer>() {
            @Override
            public void onSubscribe(Subscription s) {
                sub.set(s);
                s.request(3);
            }

            @Override
            public void onNext(Integer v) {
                if (v == 2) {
                    throw boom; // the third value: the last unit of demand
                }
            }

            @Override
            public void onError(Throwable t) {
                error.set(t);
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(error.get()).isSameAs(boom);
        assertThat(c.log).containsExactly("start", "GeneratorExit", "finally");
        sub.get().request(5); // ignored: cancelled
        assertThat(c.produced.get()).isEqualTo(3);
    }

    @Test
    void requestZeroInsideOnNextIsOnErrorAfterTheGeneratorIsClosed() {
        for (long spare : new long[] {1, 3}) { // on the last unit of demand, and with demand to spare
            Counter c = new Counter();
            List<String> signals = new ArrayList<>();
            ReactorBridge.flux(() -> c.gen(10)).subscribe(new CoreSubscriber<Integer>() {
                Subscription s;

                @Override
                public void onSubscribe(Subscription s) {
                    this.s = s;
                    s.request(spare);
                }

                @Override
                public void onNext(Integer v) {
                    signals.add("next " + v);
                    s.request(0); // BaseSubscriber and StrictSubscriber would filter this out: call it raw
                }

                @Override
                public void onError(Throwable t) {
                    signals.add("error " + t.getClass().getSimpleName() + " closed=" + c.log.contains("finally"));
                    assertThat(t).hasMessageContaining("§3.9");
                }

                @Override
                public void onComplete() {
                    signals.add("complete");
                }
            });
            assertThat(signals).containsExactly("next 0", "error IllegalArgumentException closed=true");
        }
    }

    @Test
    void anExceptionFromAFinallyBlockAfterCancelGoesToOnErrorDropped() {
        // ported from kotlinx.coroutines PublishTest.testHandleFailureAfterCancel
        List<Throwable> dropped = new ArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            StepVerifier.create(ReactorBridge.flux(() -> Generator.<Integer, Object>ofVoid(g -> {
                try {
                    g.yield(1);
                    g.yield(2);
                } finally {
                    throw new IllegalStateException("FAILED in finally");
                }
            })), 1).expectNext(1).thenCancel().verify();
        } finally {
            Hooks.resetOnErrorDropped();
        }
        assertThat(dropped).singleElement().satisfies(e -> assertThat(e).hasMessage("FAILED in finally"));
    }

    // ---- completion after exact demand: lazy (the default) and eager (one ahead)

    static Generator<Integer, Object, Void> oneTwoThree(List<String> log) {
        return Generator.ofVoid(g -> {
            for (int i = 1; i <= 3; i++) {
                log.add("yield " + i);
                g.yield(i);
            }
            log.add("end");
        });
    }

    @Test
    void lazyCompletionWaitsForTheNextRequestAsFluxGenerateDoes() {
        List<String> log = new ArrayList<>();
        StepVerifier.create(ReactorBridge.flux(() -> oneTwoThree(log)), 3)
                .expectNext(1, 2, 3)
                .then(() -> assertThat(log).containsExactly("yield 1", "yield 2", "yield 3")) // nothing ran ahead
                .thenRequest(1)
                .verifyComplete();
        List<String> anchor = new ArrayList<>();
        StepVerifier.create(Flux.<Integer, Integer>generate(() -> 1, (i, sink) -> {
            if (i > 3) {
                sink.complete();
            } else {
                sink.next(i);
            }
            return i + 1;
        }).doOnComplete(() -> anchor.add("complete")), 3).expectNext(1, 2, 3)
                .then(() -> assertThat(anchor).isEmpty()).thenRequest(1).verifyComplete();
    }

    @Test
    void eagerCompletionCompletesWithTheLastRequestedValue() {
        List<String> log = new ArrayList<>();
        StepVerifier.create(ReactorBridge.flux(() -> oneTwoThree(log), ReactorBridge.Completion.EAGER), 3)
                .expectNext(1, 2, 3)
                .verifyComplete();
        assertThat(log).containsExactly("yield 1", "yield 2", "yield 3", "end");
    }

    @Test
    void eagerRunsExactlyOneValueAheadAndHoldsItForTheNextRequest() {
        Counter c = new Counter();
        StepVerifier.create(ReactorBridge.flux(() -> c.gen(10), ReactorBridge.Completion.EAGER), 0)
                .then(() -> assertThat(c.log).isEmpty()) // cold until the first request
                .thenRequest(2)
                .expectNext(0, 1)
                .then(() -> assertThat(c.produced.get()).isEqualTo(3)) // value 2 computed ahead, not emitted
                .expectNoEvent(Duration.ofMillis(10))
                .thenRequest(1)
                .expectNext(2)
                .then(() -> assertThat(c.produced.get()).isEqualTo(4))
                .thenCancel()
                .verify();
        assertThat(c.log).containsExactly("start", "GeneratorExit", "finally");
        // the return value flows on when demand allows
        StepVerifier.create(ReactorBridge.flux(() -> Generator.<Object, Object, String>of(g -> {
            g.yield(1);
            return "summary";
        }), r -> "returned " + r), 1).expectNext(1).thenRequest(1).expectNext("returned summary").verifyComplete();
    }

    // ---- ported from kotlinx.coroutines PublishTest (what has a counterpart for a generator Flux)

    @Test
    void publishTestBasicEmpty() {
        List<String> order = new ArrayList<>();
        ReactorBridge.flux(() -> Generator.<Integer, Object>ofVoid(g -> order.add("body"))).subscribe(recorder(order, 1));
        assertThat(order).containsExactly("onSubscribe", "body", "onComplete");
    }

    @Test
    void publishTestBasicSingle() {
        // Kotlin's publish {} completes at once after the one requested value: our eager mode does the same
        List<String> order = new ArrayList<>();
        ReactorBridge.flux(() -> Generator.<Integer, Object>ofVoid(g -> {
            order.add("body");
            g.yield(42);
            order.add("after send");
        }), ReactorBridge.Completion.EAGER).subscribe(recorder(order, 1));
        assertThat(order).containsExactly("onSubscribe", "body", "onNext 42", "after send", "onComplete");
    }

    @Test
    void publishTestBasicError() {
        List<String> order = new ArrayList<>();
        ReactorBridge.flux(() -> Generator.<Integer, Object>ofVoid(g -> {
            order.add("body");
            throw new RuntimeException("OK");
        })).subscribe(recorder(order, 1));
        assertThat(order).containsExactly("onSubscribe", "body", "onError OK");
    }

    @Test
    void publishTestFailingConsumerStopsTheProducer() {
        Counter c = new Counter();
        List<String> order = new ArrayList<>();
        ReactorBridge.flux(() -> c.gen(3)).subscribe(new CoreSubscriber<Integer>() { // not wrapped in a StrictSubscriber
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer v) {
                throw new IllegalStateException("consumer failed at " + v);
            }

            @Override
            public void onError(Throwable t) {
                order.add("onError " + t.getMessage());
            }

            @Override
            public void onComplete() {
                order.add("onComplete");
            }
        });
        assertThat(c.produced.get()).isEqualTo(1);
        assertThat(c.log).containsExactly("start", "GeneratorExit", "finally");
        assertThat(order).containsExactly("onError consumer failed at 0");
    }

    static CoreSubscriber<Integer> recorder(List<String> order, long request) {
        return new CoreSubscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                order.add("onSubscribe");
                s.request(request);
            }

            @Override
            public void onNext(Integer v) {
                order.add("onNext " + v);
            }

            @Override
            public void onError(Throwable t) {
                order.add("onError " + t.getMessage());
            }

            @Override
            public void onComplete() {
                order.add("onComplete");
            }
        };
    }
}
