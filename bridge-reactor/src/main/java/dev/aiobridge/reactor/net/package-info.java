/**
 * Bytes of TCP connections as backpressured Reactive Streams: a connection's input as a
 * {@code Flux<ByteBuffer>} whose demand drives the socket ({@link dev.aiobridge.reactor.net.ByteFlux}), a
 * {@code Publisher<ByteBuffer>} written as {@code drain} allows ({@link dev.aiobridge.reactor.net.ByteSink}),
 * and servers and clients whose handler is a function of the connection's bytes
 * ({@link dev.aiobridge.reactor.net.ByteHandler}, {@link dev.aiobridge.reactor.net.ByteServer},
 * {@link dev.aiobridge.reactor.net.ByteClient}), on top of {@code dev.aiobridge.streams}.
 */
package dev.aiobridge.reactor.net;
