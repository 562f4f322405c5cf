package dev.aiobridge.streams;

import dev.aiobridge.coroutine.Coroutine;

/**
 * {@code start_server}'s {@code client_connected_cb}: called with each connection's reader and writer.
 * A coroutine it returns runs as a task (an exception it raises goes to the loop's exception handler and
 * closes the connection); null means a plain callback.
 */
@FunctionalInterface
public interface ClientConnected {
    /** Serves one connection. */
    Coroutine<?> connected(StreamReader reader, StreamWriter writer);
}
