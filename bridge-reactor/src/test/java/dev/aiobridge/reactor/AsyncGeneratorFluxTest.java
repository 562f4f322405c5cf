package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.context.ContextVar;
import dev.aiobridge.coroutine.AsyncGenerator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import reactor.test.StepVerifier;

/** Async generator to Flux on a loop: loop shutdown, Reactive Streams edge rules, context, completion, fail-fast. */
class AsyncGeneratorFluxTest {

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
        loopThread = EventLoopThread.start("agen-flux-test");
        loop = loopThread.getLoop();
    }

    @AfterAll
    static void stopLoop() {
        loopThread.close();
    }

    static AsyncGenerator<Integer> counting(int n, List<String> log) {
        return AsyncGenerator.of(g -> {
            try {
                for (int i = 1; i <= n; i++) {
                    g.await(AsyncIO.sleep(0));
                    log.add("yield " + i);
                    g.yield(i);
                }
                log.add("end");
            } finally {
                log.add("finally");
            }
        });
    }

    // ---- issue 12 §1: the loop closes under it

    @Test
    void aLoopThatShutsDownUnderItEndsItWithAnError() {
        EventLoopThread own = EventLoopThread.start("agen-flux-closing");
        List<String> log = new CopyOnWriteArrayList<>();
        StepVerifier.create(ReactorBridge.flux(own.getLoop(), () -> counting(1_000, log)), 1)
                .expectNext(1)
                .then(own::close) // cancels the pulling task, closes the generator, closes the loop
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancellationException.class)
                        .hasMessageContaining("loop shutting down"))
                .verify(Duration.ofSeconds(10));
        assertThat(log).endsWith("finally");
    }

    @Test
    void aRequestAfterTheLoopClosedIsAnError() throws Exception {
        EventLoop bare = AsyncIO.newEventLoop();
        Thread runner = new Thread(bare::runForever, "bare-loop");
        CountDownLatch running = new CountDownLatch(1);
        bare.callSoonThreadsafe(running::countDown);
        runner.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Subscription> sub = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch first = new CountDownLatch(1);
        ReactorBridge.flux(bare, () -> counting(10, new CopyOnWriteArrayList<>())).subscribe(new CoreSubscriber<Integer>() {
            @Override
            public void onSubscribe(Subscription s) {
                sub.set(s);
                s.request(1);
            }

            @Override
            public void onNext(Integer v) {
                first.countDown();
            }

            @Override
            public void onError(Throwable t) {
                error.set(t);
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        bare.callSoonThreadsafe(bare::stop);
        runner.join(10_000);
        bare.setExceptionHandler((l, ctx) -> { }); // "Task was destroyed but it is pending!" is expected here
        bare.close(); // no shutdown sequence: the pulling task is dropped, not cancelled
        sub.get().request(1); // must not be ignored
        assertThat(error.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    // ---- issue 9 §2: fail fast

    @Test
    void aLoopThatIsNotRunningOrClosedFailsAtSubscribe() {
        EventLoop idle = AsyncIO.newEventLoop();
        try {
            StepVerifier.create(ReactorBridge.flux(idle, () -> counting(3, new CopyOnWriteArrayList<>())))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("not running"))
                    .verify(Duration.ofSeconds(10));
        } finally {
            idle.close();
        }
        StepVerifier.create(ReactorBridge.flux(idle, () -> counting(3, new CopyOnWriteArrayList<>())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("closed"))
                .verify(Duration.ofSeconds(10));
    }

    // ---- issue 12 §6: Reactive Streams edge rules

    @Test
    void anExceptionFromAFinallyBlockAfterCancelGoesToOnErrorDropped() throws Exception {
        // ported from kotlinx.coroutines PublishTest.testHandleFailureAfterCancel (their handler: our hook)
        for (boolean waitingInside : new boolean[] {true, false}) {
            List<Throwable> dropped = new CopyOnWriteArrayList<>();
            CountDownLatch reported = new CountDownLatch(1);
            Hooks.onErrorDropped(e -> {
                dropped.add(e);
                reported.countDown();
            });
            try {
                StepVerifier.create(ReactorBridge.flux(loop, () -> AsyncGenerator.<Integer>of(g -> {
                    try {
                        g.yield(1);
                        g.await(AsyncIO.sleep(3600)); // cancelled here when waitingInside
                        g.yield(2);
                    } finally {
                        throw new IllegalStateException("FAILED in finally");
                    }
                })), waitingInside ? 2 : 1).expectNext(1).thenCancel().verify(Duration.ofSeconds(10));
                assertThat(reported.await(10, TimeUnit.SECONDS)).as("reported (inside=%s)", waitingInside).isTrue();
            } finally {
                Hooks.resetOnErrorDropped();
            }
            assertThat(dropped).singleElement().satisfies(e -> assertThat(e).hasMessage("FAILED in finally"));
        }
    }

    @Test
    void theBodySeesTheSubscribersReactorContext() {
        ContextVar<String> user = ContextVar.withDefault("user", "nobody");
        ContextBridge.bind(user, "user");
        try {
            StepVerifier.create(ReactorBridge.flux(loop, () -> AsyncGenerator.<String>of(g -> g.yield("body sees " + user.get())))
                            .contextWrite(ctx -> ctx.put("user", "alice")))
                    .expectNext("body sees alice").verifyComplete();
        } finally {
            ContextBridge.unbind(user);
        }
    }

    @Test
    void onNextThrowingOnTheLastUnitOfDemandCancelsClosesAndSignalsOnError() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        IllegalStateException boom = new IllegalStateException("subscriber failed");
        Terminal terminal = new Terminal(2, v -> {
            if (v == 2) {
                throw boom;
            }
        });
        ReactorBridge.flux(loop, () -> counting(10, log)).subscribe(terminal);
        assertThat(terminal.await()).isSameAs(boom);
        assertThat(log).containsExactly("yield 1", "yield 2", "finally");
    }

    @Test
    void requestZeroInsideOnNextIsOnErrorAfterTheGeneratorIsClosed() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicReference<Terminal> self = new AtomicReference<>();
        Terminal terminal = new Terminal(3, v -> self.get().subscription.request(0));
        self.set(terminal);
        ReactorBridge.flux(loop, () -> counting(10, log)).subscribe(terminal);
        assertThat(terminal.await()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("§3.9");
        assertThat(log).containsExactly("yield 1", "finally"); // closed before the error was signalled
    }

    // ---- completion after exact demand

    @Test
    void lazyCompletionWaitsForTheNextRequest() {
        List<String> log = new CopyOnWriteArrayList<>();
        StepVerifier.create(ReactorBridge.flux(loop, () -> counting(3, log)), 3)
                .expectNext(1, 2, 3)
                .then(() -> assertThat(log).doesNotContain("end"))
                .thenRequest(1)
                .verifyComplete();
    }

    @Test
    void eagerCompletionCompletesWithTheLastRequestedValue() {
        List<String> log = new CopyOnWriteArrayList<>();
        StepVerifier.create(ReactorBridge.flux(loop, () -> counting(3, log), ReactorBridge.Completion.EAGER), 3)
                .expectNext(1, 2, 3)
                .verifyComplete();
        assertThat(log).contains("end");
    }

    // ---- ported from kotlinx.coroutines FluxTest and PublishTest

    @Test
    void fluxTestBasicSuccess() {
        StepVerifier.create(ReactorBridge.flux(loop, () -> AsyncGenerator.<String>of(g -> g.yield("OK"))))
                .expectNext("OK").verifyComplete();
    }

    @Test
    void fluxTestBasicFailure() {
        StepVerifier.create(ReactorBridge.flux(loop, () -> AsyncGenerator.<String>of(g -> {
            throw new RuntimeException("OK");
        }))).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RuntimeException.class).hasMessage("OK"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void fluxTestBasicUnsubscribeCancelsTheBodyAndSignalsNothing() throws Exception {
        List<String> signals = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Disposable sub = ReactorBridge.flux(loop, () -> AsyncGenerator.<String>of(g -> {
            started.countDown();
            try {
                g.await(AsyncIO.sleep(3600)); // will get cancelled
                signals.add("unreached");
            } finally {
                cleanedUp.countDown();
            }
        })).subscribe(v -> signals.add("next"), e -> signals.add("error"), () -> signals.add("complete"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        sub.dispose();
        assertThat(cleanedUp.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch drained = new CountDownLatch(1);
        loop.callSoonThreadsafe(drained::countDown); // every signal of it came from the loop, before this
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(signals).isEmpty();
    }

    @Test
    void publishTestBasicSingleCompletesAtOnceInEagerMode() {
        List<String> order = new CopyOnWriteArrayList<>();
        StepVerifier.create(ReactorBridge.flux(loop, () -> AsyncGenerator.<Integer>of(g -> {
            order.add("body");
            g.yield(42);
            order.add("after send");
        }), ReactorBridge.Completion.EAGER).doOnNext(v -> order.add("onNext " + v)), 1)
                .expectNext(42).verifyComplete();
        assertThat(order).containsExactly("body", "onNext 42", "after send");
    }

    /** A raw subscriber (no StrictSubscriber around it) that records its terminal signal. */
    static final class Terminal implements CoreSubscriber<Integer> {
        private final long request;
        private final java.util.function.Consumer<Integer> onNext;
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        volatile Subscription subscription;

        Terminal(long request, java.util.function.Consumer<Integer> onNext) {
            this.request = request;
            this.onNext = onNext;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(request);
        }

        @Override
        public void onNext(Integer v) {
            onNext.accept(v);
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

        Throwable await() throws InterruptedException {
            assertThat(done.await(10, TimeUnit.SECONDS)).as("terminated").isTrue();
            return error.get();
        }
    }
}
