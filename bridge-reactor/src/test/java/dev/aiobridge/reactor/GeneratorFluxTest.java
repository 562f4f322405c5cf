package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.GeneratorExit;
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
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Generator factory to Flux: demand, suspension, cancellation, errors, races. */
class GeneratorFluxTest {

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
}
