package dev.aiobridge.builtins;

/**
 * Signals that a generator has ended; {@link #value()} is what its body returned (Python's
 * {@code StopIteration.value}). Thrown by {@link dev.aiobridge.generator.Generator#next()}, {@link dev.aiobridge.generator.Generator#send},
 * {@link dev.aiobridge.generator.Generator#throwIn} and, after the end, by every further {@code next()} or {@code send}
 * (with a null value, as CPython does).
 *
 * <p>Control flow, not a failure: it carries no stack trace. A body that lets a {@code StopIteration}
 * escape (say, from calling {@code next()} on another, exhausted generator) is an error (PEP 479):
 * its caller gets an {@link IllegalStateException} "generator raised StopIteration" with this
 * exception as the cause.
 */
public class StopIteration extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Object value;

    /** A {@code StopIteration} carrying the generator's return value (null: the body returned nothing). */
    public StopIteration(Object value) {
        super(value == null ? null : String.valueOf(value), null, false, false);
        this.value = value;
    }

    /** The value the generator's body returned, or null. */
    public Object value() {
        return value;
    }

    /** {@link #value()} cast to the type the caller expects (the generator's return type). */
    @SuppressWarnings("unchecked")
    public <R> R valueAs() {
        return (R) value;
    }
}
