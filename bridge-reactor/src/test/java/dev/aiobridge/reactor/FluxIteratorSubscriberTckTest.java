package dev.aiobridge.reactor;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.reactivestreams.tck.TestEnvironment;
import reactor.core.publisher.Flux;

/** The Reactive Streams TCK for the subscriber behind iterating a Publisher in a coroutine. */
public class FluxIteratorSubscriberTckTest extends SubscriberBlackboxVerification<Integer> {

    public FluxIteratorSubscriberTckTest() {
        super(new TestEnvironment(1000, 50));
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        FluxIterator<Integer> iterator = new FluxIterator<>(Flux.empty(), 16);
        return iterator.new Receiver();
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
