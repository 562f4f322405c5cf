package dev.aiobridge.generator;

import dev.aiobridge.builtins.GeneratorExit;
/**
 * The extension point for a fast consumer of a generator's values (a Reactor {@code Flux} subscriber
 * with demand to spare is one): installed with {@link Generator#setYieldSink}, it is offered each value
 * the body yields, on the body's own stack. If it takes the value, the yield returns {@code null} at once
 * (as after {@code next()}) and the body goes on without suspending; if not, the yield suspends as usual
 * and the value comes out of {@code next()}/{@code send()}. The body cannot tell the difference.
 *
 * @param <Y> the type of the values yielded
 */
@FunctionalInterface
public interface YieldSink<Y> {

    /**
     * Offers a yielded value: true if it was consumed, false to suspend the yield normally. Runs inside
     * the generator's body. May throw: a {@link GeneratorExit} closes the generator at this yield, as
     * {@link Generator#close()} would.
     */
    boolean offer(Y value);
}
