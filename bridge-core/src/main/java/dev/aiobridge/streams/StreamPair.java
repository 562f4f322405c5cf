package dev.aiobridge.streams;

/**
 * What {@code open_connection} gives: Python's {@code (reader, writer)} pair.
 *
 * @param reader the connection's reader
 * @param writer the connection's writer
 */
public record StreamPair(StreamReader reader, StreamWriter writer) {
}
