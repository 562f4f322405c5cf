package dev.aiobridge.reactor;

import dev.aiobridge.generator.Generator;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;

/** The Reactive Streams TCK for a generator Flux in eager (one value ahead) completion. */
public class GeneratorFluxEagerTckTest extends PublisherVerification<Long> {

    public GeneratorFluxEagerTckTest() {
        super(new TestEnvironment(1000, 50));
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorBridge.flux(() -> Generator.<Long, Object>ofVoid(g -> {
            for (long i = 0; i < elements; i++) {
                g.yield(i);
            }
        }), ReactorBridge.Completion.EAGER);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return ReactorBridge.<Long>flux(() -> {
            throw new IllegalStateException("failed on purpose");
        }, ReactorBridge.Completion.EAGER);
    }

    @Override
    public long maxElementsFromPublisher() {
        return Long.MAX_VALUE - 1;
    }
}
