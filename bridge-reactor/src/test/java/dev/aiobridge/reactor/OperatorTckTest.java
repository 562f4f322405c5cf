package dev.aiobridge.reactor;

import dev.aiobridge.generator.Generator;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import reactor.core.publisher.Flux;

/** The Reactive Streams TCK for a send-driven generator used as an operator. */
public class OperatorTckTest extends PublisherVerification<Long> {

    public OperatorTckTest() {
        super(new TestEnvironment(1000, 50));
    }

    static Generator<Long, Long, Void> doubler() {
        return Generator.ofVoid(g -> {
            Long in = g.yield(null);
            while (true) {
                in = g.yield(in * 2);
            }
        });
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        Flux<Long> upstream = elements > Integer.MAX_VALUE
                ? Flux.<Long, Long>generate(() -> 0L, (i, sink) -> {
                    sink.next(i);
                    return i + 1;
                })
                : Flux.range(0, (int) elements).map(Integer::longValue);
        return upstream.transform(ReactorBridge.operator(OperatorTckTest::doubler));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return Flux.<Long>error(new IllegalStateException("failed on purpose"))
                .transform(ReactorBridge.operator(OperatorTckTest::doubler));
    }
}
