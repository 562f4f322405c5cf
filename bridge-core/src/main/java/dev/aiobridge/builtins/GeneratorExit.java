package dev.aiobridge.builtins;

/**
 * Raised at a generator's suspension point by {@link dev.aiobridge.generator.Generator#close()} so that its
 * {@code catch}/{@code finally} blocks run. As in Python, where it derives from {@code BaseException}
 * and not {@code Exception}, it is an {@link Error}: a body's {@code catch (Exception e)} does not
 * swallow it. Let it propagate (or return); yielding in response is an error.
 *
 * <p>Control flow, not a failure: it carries no stack trace.
 */
public class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    /** A new {@code GeneratorExit}. */
    public GeneratorExit() {
        super(null, null, false, false);
    }
}
