package dev.aiobridge.generator;

/**
 * How a generator ended, as {@link Generator#resume} reports it: the value its body returned, or the
 * exception it raised. Only {@code resume} makes one, so a value a body yields can never be taken for
 * it.
 */
public final class Ended {
    private final Object value;
    private final Throwable error;

    Ended(Object value, Throwable error) {
        this.value = value;
        this.error = error;
    }

    /** What the body returned ({@code StopIteration.value}); null if it raised. */
    public Object value() {
        return value;
    }

    /**
     * The exception the body raised (a {@link dev.aiobridge.builtins.GeneratorExit} when it was closed
     * at a yield and let it propagate); null if it returned.
     */
    public Throwable error() {
        return error;
    }

    @Override
    public String toString() {
        return error == null ? "Ended[returned " + value + "]" : "Ended[raised " + error + "]";
    }
}
