package dev.aiobridge.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.CancelledError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.context.ContextVar;
import dev.aiobridge.coroutine.AsyncGenerator;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;

/** The rest of the mapping table: operator, async generators, tasks, Publishers awaited and iterated, scheduler, context. */
class BridgeTest {
    private static EventLoopThread loopThread;
    private static EventLoop loop;

    @BeforeAll
    static void startLoop() {
        loopThread = EventLoopThread.start("bridge-test-loop");
        loop = loopThread.getLoop();
    }

    @AfterAll
    static void stopLoop() {
        loopThread.close();
    }

    /** The essay's averager. */
    static Generator<Double, Integer, Void> averager() {
        return Generator.ofVoid(g -> {
            double total = 0;
            int count = 0;
            Double average = null;
            while (true) {
                int term = g.yield(average);
                total += term;
                count++;
                average = total / count;
            }
        });
    }

    @Test
    void theSeedAveragerAsAnOperator() {
        StepVerifier.create(Flux.just(10, 20, 30).transform(ReactorBridge.operator(BridgeTest::averager)))
                .expectNext(10.0, 15.0, 20.0).verifyComplete();
    }

    @Test
    void theOperatorPassesDemandThroughAndClosesOnCompletion() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        List<String> log = new CopyOnWriteArrayList<>();
        Flux<Integer> upstream = Flux.range(1, 10).doOnRequest(requests::add);
        StepVerifier.create(upstream.transform(ReactorBridge.operator(() -> Generator.<Integer, Integer>ofVoid(g -> {
            try {
                Integer in = g.yield(null);
                while (true) {
                    in = g.yield(in * 2);
                }
            } finally {
                log.add("closed");
            }
        }))), 0).thenRequest(3).expectNext(2, 4, 6).thenRequest(7).expectNextCount(7).verifyComplete();
        assertThat(requests.get(0)).isEqualTo(3);
        assertThat(log).containsExactly("closed");
    }

    @Test
    void anUpstreamErrorIsThrownIntoTheGenerator() {
        RuntimeException boom = new IllegalArgumentException("upstream");
        StepVerifier.create(Flux.just(1, 2).concatWith(Flux.error(boom))
                .transform(ReactorBridge.operator(() -> Generator.<String, Integer>ofVoid(g -> {
                    Integer in = g.yield(null);
                    try {
                        while (true) {
                            in = g.yield("got " + in);
                        }
                    } catch (IllegalArgumentException e) {
                        g.yield("handled " + e.getMessage());
                    }
                })))).expectNext("got 1", "got 2", "handled upstream").verifyComplete();
    }

    static AsyncGenerator<Integer> ticks(int n, List<String> log) {
        return AsyncGenerator.of(g -> {
            try {
                for (int i = 0; i < n; i++) {
                    g.await(AsyncIO.sleep(0));
                    log.add("yield " + i + " on loop " + AsyncIO.getRunningLoop().inLoopThread());
                    g.yield(i);
                }
            } finally {
                g.await(AsyncIO.sleep(0)); // cleanup may await
                log.add("finally");
            }
        });
    }

    @Test
    void anAsyncGeneratorIsAFluxResumedOnItsLoop() {
        List<String> log = new CopyOnWriteArrayList<>();
        StepVerifier.create(ReactorBridge.flux(loop, () -> ticks(5, log)), 0)
                .thenRequest(2).expectNext(0, 1)
                .expectNoEvent(Duration.ofMillis(30))
                .then(() -> assertThat(log).hasSize(2))
                .thenRequest(10).expectNext(2, 3, 4).verifyComplete();
        assertThat(log).contains("yield 0 on loop true").endsWith("finally");
    }

    @Test
    void cancellingAnAsyncGeneratorFluxClosesTheGeneratorOnTheLoop() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        StepVerifier.create(ReactorBridge.flux(loop, () -> ticks(100, log)), 3).expectNext(0, 1, 2).thenCancel().verify();
        CountDownLatch closed = new CountDownLatch(1);
        loop.callSoonThreadsafe(() -> loop.callLater(0.05, closed::countDown));
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(log).endsWith("finally");
    }

    @Test
    void aCoroutineIsAMonoAndCancelCancelsTheTask() throws Exception {
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a -> {
            a.await(AsyncIO.sleep(0.01));
            return "hello " + AsyncIO.getRunningLoop().inLoopThread();
        }))).expectNext("hello true").verifyComplete();

        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.ofVoid(a -> {
        }))).verifyComplete();

        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a -> {
            throw new IllegalStateException("failed");
        }))).expectErrorMessage("failed").verify();

        AtomicBoolean cancelledInside = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a -> {
            started.countDown();
            try {
                return a.await(AsyncIO.sleep(3600, "never"));
            } catch (CancelledError e) {
                cancelledInside.set(true);
                throw e;
            } finally {
                finished.countDown();
            }
        }))).then(() -> await(started)).thenCancel().verify();
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelledInside).isTrue();
    }

    @Test
    void aTaskCancelledElsewhereIsAClearError() throws Exception {
        CompletableFuture<Task<String>> task = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> task.complete(loop.createTask(
                Coroutine.of(a -> a.await(AsyncIO.sleep(3600, "never"))), "victim")));
        Task<String> t = task.get(10, TimeUnit.SECONDS);
        StepVerifier.create(ReactorBridge.mono(t))
                .then(() -> loop.callSoonThreadsafe(t::cancel))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancellationException.class)
                        .hasMessageContaining("victim").hasCauseInstanceOf(CancelledError.class))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aMonoIsAwaitedInsideACoroutine() throws Exception {
        String value = loopThread.submit(Coroutine.of(a ->
                a.await(ReactorBridge.awaitable(Mono.just("from a mono").delayElement(Duration.ofMillis(5)))))).get(10,
                TimeUnit.SECONDS);
        assertThat(value).isEqualTo("from a mono");
        assertThat(loopThread.submit(Coroutine.of(a -> a.await(ReactorBridge.awaitable(Mono.<String>empty()))))
                .get(10, TimeUnit.SECONDS)).isNull();
        String error = loopThread.submit(Coroutine.of(a -> {
            try {
                return a.await(ReactorBridge.awaitable(Mono.<String>error(new IllegalStateException("mono failed"))));
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        })).get(10, TimeUnit.SECONDS);
        assertThat(error).isEqualTo("mono failed");
        // the first value of a Flux, which is then cancelled
        AtomicBoolean cancelled = new AtomicBoolean();
        int first = loopThread.submit(Coroutine.of(a -> a.await(ReactorBridge.awaitable(
                Flux.range(7, 100).doOnCancel(() -> cancelled.set(true)))))).get(10, TimeUnit.SECONDS);
        assertThat(first).isEqualTo(7);
        assertThat(cancelled).isTrue();
    }

    @Test
    void cancellingTheAwaitingTaskDisposesTheSubscription() throws Exception {
        CountDownLatch disposed = new CountDownLatch(1);
        Mono<String> never = Mono.<String>never().doOnCancel(disposed::countDown);
        CompletableFuture<String> outcome = loopThread.submit(Coroutine.of(a -> {
            Task<String> waiting = AsyncIO.createTask(Coroutine.of(b -> b.await(ReactorBridge.awaitable(never))));
            a.await(AsyncIO.sleep(0.01));
            waiting.cancel();
            try {
                return a.await(waiting);
            } catch (CancelledError e) {
                return "cancelled";
            }
        }));
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo("cancelled");
        assertThat(disposed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void iteratingAFluxKeepsDemandBoundedByThePrefetch() throws Exception {
        List<Long> requests = Collections.synchronizedList(new ArrayList<>());
        Flux<Integer> source = Flux.range(0, 100).doOnRequest(requests::add).publishOn(reactor.core.scheduler.Schedulers.parallel());
        int sum = loopThread.submit(Coroutine.of(a -> {
            int total = 0;
            try (FluxIterator<Integer> it = ReactorBridge.iterate(source, 8)) {
                for (int v : a.iterate(it)) {
                    total += v;
                }
            }
            return total;
        })).get(10, TimeUnit.SECONDS);
        assertThat(sum).isEqualTo(4950);
        assertThat(requests).allSatisfy(r -> assertThat(r).isLessThanOrEqualTo(256));
    }

    @Test
    void iteratingRequestsOnlyWhatTheConsumerMadeRoomFor() throws Exception {
        Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer();
        List<Long> requests = new CopyOnWriteArrayList<>();
        CompletableFuture<List<Integer>> got = loopThread.submit(Coroutine.of(a -> {
            List<Integer> out = new ArrayList<>();
            try (FluxIterator<Integer> it = ReactorBridge.iterate(sink.asFlux().doOnRequest(requests::add), 4)) {
                for (int v : a.iterate(it)) {
                    out.add(v);
                    if (out.size() == 6) {
                        break;
                    }
                }
            }
            return out;
        }));
        for (int i = 0; i < 10; i++) {
            sink.tryEmitNext(i);
        }
        assertThat(got.get(10, TimeUnit.SECONDS)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(requests.get(0)).isEqualTo(4);
        assertThat(requests.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(4 + 3 + 3);
    }

    @Test
    void theLoopIsAReactorScheduler() throws Exception {
        Scheduler scheduler = ReactorBridge.scheduler(loop);
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        StepVerifier.create(Flux.range(0, 50).publishOn(scheduler).doOnNext(i -> onLoop.add(loop.inLoopThread())))
                .expectNextCount(50).verifyComplete();
        assertThat(onLoop).hasSize(50).containsOnly(true);
        StepVerifier.create(Flux.just(1, 2, 3).delayElements(Duration.ofMillis(5), scheduler))
                .expectNext(1, 2, 3).verifyComplete();
        StepVerifier.create(Flux.interval(Duration.ofMillis(2), scheduler).take(5)).expectNext(0L, 1L, 2L, 3L, 4L)
                .verifyComplete();
        StepVerifier.create(Mono.never().timeout(Duration.ofMillis(10), scheduler))
                .expectError(java.util.concurrent.TimeoutException.class).verify(Duration.ofSeconds(10));
        StepVerifier.create(Mono.fromCallable(loop::inLoopThread).subscribeOn(scheduler)).expectNext(true).verifyComplete();
        scheduler.dispose();
        assertThat(scheduler.isDisposed()).isTrue();
        StepVerifier.create(Mono.just(1).publishOn(scheduler)).expectError().verify(Duration.ofSeconds(10));
    }

    @Test
    void aWorkerRunsItsTasksInOrderAndDisposeCancelsThePendingOnes() throws Exception {
        Scheduler scheduler = ReactorBridge.scheduler(loop);
        Scheduler.Worker worker = scheduler.createWorker();
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int n = i;
            worker.schedule(() -> order.add(n));
        }
        worker.schedule(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertThat(order).isEqualTo(expected);
        AtomicBoolean ran = new AtomicBoolean();
        worker.schedule(() -> ran.set(true), 50, TimeUnit.MILLISECONDS);
        worker.dispose();
        CountDownLatch later = new CountDownLatch(1);
        loop.callSoonThreadsafe(() -> loop.callLater(0.1, later::countDown));
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).isFalse();
        scheduler.dispose();
    }

    @Test
    void reactorContextAndContextVarsFlowBothWays() throws Exception {
        // tag::context[]
        ContextVar<String> user = ContextVar.withDefault("user", "nobody");
        ContextBridge.bind(user, "user");
        try {
            StepVerifier.create(ReactorBridge.mono(loop, () -> Coroutine.of(a -> "task sees " + user.get()))
                            .contextWrite(ctx -> ctx.put("user", "alice")))
                    .expectNext("task sees alice").verifyComplete();
            String seen = loopThread.submit(Coroutine.of(a -> {
                user.set("bob");
                return a.await(ReactorBridge.awaitable(Mono.deferContextual(ctx -> Mono.just("mono sees " + ctx.get("user")))));
            })).get(10, TimeUnit.SECONDS);
            assertThat(seen).isEqualTo("mono sees bob");
        } finally {
            ContextBridge.unbind(user);
        // end::context[]
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

}
