package dev.aiobridge.sync;

/** The body of an {@code async with primitive:} block that returns a value. */
@FunctionalInterface
public interface Block<T> {
    /** Runs the block. */
    T run() throws Throwable;
}
