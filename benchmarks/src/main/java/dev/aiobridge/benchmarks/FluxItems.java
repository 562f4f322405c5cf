package dev.aiobridge.benchmarks;

import dev.aiobridge.generator.Generator;
import dev.aiobridge.reactor.ReactorBridge;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * P3 and P3g: a producer of N integers as a Flux, consumed in {@code request(256)} batches (256 asked
 * again each time 256 arrived). Ours is a generator loop through {@code ReactorBridge.flux}; the anchors
 * are Kotlin's {@code flux {}} and Reactor's own {@code Flux.generate}. The score is the time per item.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK})
public class FluxItems {
    static final int N = 100_000;
    static final int BATCH = 256;

    static Generator<Integer, Object, Void> counter(int n) {
        return Generator.ofVoid(g -> {
            for (int i = 0; i < n; i++) {
                g.yield(i);
            }
        });
    }

    /** Consumes a publisher in request(256) batches; returns the sum. */
    static long consume(Publisher<Integer> publisher) {
        BatchSubscriber s = new BatchSubscriber();
        publisher.subscribe(s);
        if (!s.done) {
            throw new IllegalStateException("expected a synchronous source");
        }
        return s.sum;
    }

    static final class BatchSubscriber implements CoreSubscriber<Integer> {
        Subscription upstream;
        long sum;
        int received;
        boolean done;

        @Override
        public void onSubscribe(Subscription s) {
            upstream = s;
            s.request(BATCH);
        }

        @Override
        public void onNext(Integer v) {
            sum += v;
            if (++received == BATCH) {
                received = 0;
                upstream.request(BATCH);
            }
        }

        @Override
        public void onError(Throwable t) {
            throw new IllegalStateException(t);
        }

        @Override
        public void onComplete() {
            done = true;
        }
    }

    /** Ours: a generator loop. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long generatorFlux() {
        return consume(ReactorBridge.flux(() -> counter(N)));
    }

    /** Reactor's synchronous generate. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long fluxGenerate() {
        return consume(Flux.<Integer, Integer>generate(() -> 0, (i, sink) -> {
            sink.next(i);
            if (i == N - 1) {
                sink.complete();
            }
            return i + 1;
        }));
    }

    /** Kotlin's flux {} builder: it runs on a coroutine dispatcher, so the consumer blocks for the end. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long kotlinFlux() {
        long[] sum = {0};
        int[] received = {0};
        Subscription[] up = {null};
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        KotlinFlux.counter(N).subscribe(new CoreSubscriber<Integer>() {
            @Override
            public void onSubscribe(Subscription s) {
                up[0] = s;
                s.request(BATCH);
            }

            @Override
            public void onNext(Integer v) {
                sum[0] += v;
                if (++received[0] == BATCH) {
                    received[0] = 0;
                    up[0].request(BATCH);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sum[0];
    }
}
