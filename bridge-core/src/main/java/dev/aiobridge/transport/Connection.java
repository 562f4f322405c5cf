package dev.aiobridge.transport;

/**
 * What {@code createConnection} gives: Python's {@code (transport, protocol)} pair.
 *
 * @param transport the connection's transport
 * @param protocol the protocol the factory made
 * @param <P> the protocol's type
 */
public record Connection<P extends BaseProtocol>(Transport transport, P protocol) {
}
