/**
 * aiobridge's bridge to Reactive Streams and Project Reactor: generators as backpressured
 * {@code Flux}es, tasks as {@code Mono}s, the loop as a {@code Scheduler}, publishers as awaitables.
 * Built on the published API of {@code dev.aiobridge.core} only. BlockHound is optional: when it is
 * present, its integration marks the loop threads non-blocking.
 */
module dev.aiobridge.reactor {
    requires transitive dev.aiobridge.core;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires static reactor.blockhound;

    exports dev.aiobridge.reactor;
    exports dev.aiobridge.reactor.net;

    provides reactor.blockhound.integration.BlockHoundIntegration
            with dev.aiobridge.reactor.AiobridgeBlockHoundIntegration;
}
