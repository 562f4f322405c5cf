package dev.aiobridge.sync;

/** The body of an {@code async with primitive:} block. */
@FunctionalInterface
public interface VoidBlock {
    /** Runs the block. */
    void run() throws Throwable;
}
