package dev.aiobridge.internal.gen;

/**
 * A fast consumer of a generator's yields (a Flux subscriber is one). While a
 * sink is installed on a generator, each yield first offers its value to the sink, on the generator's
 * own stack: if the sink takes it, the body goes on without suspending; if not, the yield suspends as
 * usual and the driver receives the value. The body cannot tell the difference.
 */
public interface YieldSink {

    /**
     * Offers a yielded value. Returns true if it was consumed (the yield then returns null, as after
     * {@code next()}), false to suspend normally. May throw (a {@code GeneratorExit} to close the
     * generator at this yield).
     */
    boolean offer(Object value);
}
