package dev.aiobridge.transport;

/**
 * asyncio's {@code BaseProtocol}: the callbacks a transport calls on the loop's thread. The order is
 * CPython's: {@link #connectionMade} once, then the protocol's data callbacks, then
 * {@link #connectionLost} once. {@link #pauseWriting}/{@link #resumeWriting} come in pairs when the
 * transport's write buffer crosses its high and low water marks.
 */
public interface BaseProtocol {

    /** Called once when the connection is made, with the transport that carries it. */
    default void connectionMade(Transport transport) {
    }

    /**
     * Called once when the connection is closed: {@code exception} is null for a regular close or an
     * end of file, else what broke it.
     */
    default void connectionLost(Throwable exception) {
    }

    /** The transport's write buffer went strictly above the high-water mark: stop writing. */
    default void pauseWriting() {
    }

    /** The transport's write buffer drained to the low-water mark or below: writing may go on. */
    default void resumeWriting() {
    }
}
