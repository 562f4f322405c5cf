package dev.aiobridge.internal.engine;

/** Throws any {@link Throwable} without wrapping it (the same object reaches the caller). */
public final class Rethrow {
    private Rethrow() {
    }

    /**
     * Throws {@code t} as it is, checked or not. Declared to return an exception so callers can write
     * {@code throw Rethrow.unchecked(t)} and keep the compiler's flow analysis.
     */
    public static RuntimeException unchecked(Throwable t) {
        throw Rethrow.<RuntimeException>sneaky(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
