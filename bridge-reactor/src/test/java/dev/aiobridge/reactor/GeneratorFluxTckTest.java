package dev.aiobridge.reactor;

import dev.aiobridge.generator.Generator;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import reactor.core.publisher.Flux;

/** The Reactive Streams TCK for a generator as a Flux. */
public class GeneratorFluxTckTest extends PublisherVerification<Long> {

    public GeneratorFluxTckTest() {
        super(new TestEnvironment(1000, 50));
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorBridge.flux(() -> Generator.<Long, Object>ofVoid(g -> {
            for (long i = 0; i < elements; i++) {
                g.yield(i);
            }
        }));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        // unable to serve: the generator factory fails at subscribe
        return ReactorBridge.<Long>flux(() -> {
            throw new IllegalStateException("failed on purpose");
        });
    }

    @Override
    public long maxElementsFromPublisher() {
        return Long.MAX_VALUE - 1;
    }
}
