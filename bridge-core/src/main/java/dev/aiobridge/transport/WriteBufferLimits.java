package dev.aiobridge.transport;

/**
 * A write buffer's water marks, as {@code get_write_buffer_limits()} gives them.
 *
 * @param low the low-water mark: at or below it, writing resumes
 * @param high the high-water mark: strictly above it, writing pauses
 */
public record WriteBufferLimits(long low, long high) {
}
