package dev.aiobridge.spring;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps a Publisher so that, while a subscription starts, the ThreadLocals registered with Micrometer's
 * context-propagation hold the subscriber's Reactor Context values (a trace id a WebFilter wrote with
 * {@code contextWrite}). A coroutine's task is created during that start, on the loop, from a callback
 * handed in from this thread: its {@link MicrometerThreadContextPropagator} captures those values there.
 */
final class ReactorContextToThreadLocals {
    private final ContextSnapshotFactory snapshots;

    /** Over {@code registry}: every key, context variables included, no clearing. */
    ReactorContextToThreadLocals(ContextRegistry registry) {
        this.snapshots = ContextSnapshotFactory.builder().contextRegistry(registry).build();
    }

    /** {@code source} with the subscriber's Reactor Context in ThreadLocals while it is subscribed; a Mono stays a Mono. */
    Publisher<?> decorate(Publisher<?> source) {
        Flux<?> contextual = new ContextualFlux<>(Flux.from(source), snapshots);
        return source instanceof Mono<?> ? Mono.fromDirect(contextual) : contextual;
    }

    private static final class ContextualFlux<T> extends Flux<T> {
        private final Flux<T> source;
        private final ContextSnapshotFactory snapshots;

        ContextualFlux(Flux<T> source, ContextSnapshotFactory snapshots) {
            this.source = source;
            this.snapshots = snapshots;
        }

        @Override
        public void subscribe(CoreSubscriber<? super T> actual) {
            try (ContextSnapshot.Scope scope = snapshots.captureAll(actual.currentContext()).setThreadLocals()) {
                source.subscribe(actual);
            }
        }
    }
}
