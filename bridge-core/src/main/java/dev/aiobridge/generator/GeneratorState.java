package dev.aiobridge.generator;

/** The life of a generator, as {@code inspect.getgeneratorstate} reports it. */
public enum GeneratorState {
    /** Made, its body not started: only {@code next()}, {@code send(null)}, {@code throwIn} and {@code close()} apply. */
    CREATED,
    /** Its body is executing (seen from inside the body, or from another thread). */
    RUNNING,
    /** Paused at a yield, waiting for {@code next()}, {@code send}, {@code throwIn} or {@code close()}. */
    SUSPENDED,
    /** Ended: returned, raised, or closed. */
    CLOSED
}
