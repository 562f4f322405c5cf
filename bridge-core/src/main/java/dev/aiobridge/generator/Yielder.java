package dev.aiobridge.generator;

import dev.aiobridge.builtins.GeneratorExit;
/**
 * The yield scope a generator's body receives: Python's {@code yield} and {@code yield from}, usable
 * only inside that body while it runs. (Qualified calls such as {@code g.yield(x)} are plain Java; only
 * an unqualified {@code yield} is a restricted word.)
 *
 * @param <Y> the type of the values the body yields
 * @param <S> the type of the values the body receives from {@link Generator#send}
 */
public interface Yielder<Y, S> {

    /**
     * {@code received = yield value}: suspends the body, handing {@code value} to the caller of
     * {@code next()}/{@code send()}/{@code throwIn()}; returns what the caller sends next (null for
     * {@code next()}), or raises here what it throws in ({@link GeneratorExit} on {@code close()}).
     */
    S yield(Y value);

    /**
     * {@code result = yield from sub}: delegates to {@code sub} until it ends. Its values go straight to
     * this generator's caller; sends, throw-ins and close go straight to it; its return value is returned
     * here, and an exception it raises is raised here. A sub-generator that has not started runs inline,
     * on this generator's continuation, so delegation depth costs nothing per value.
     */
    <R> R yieldFrom(Generator<? extends Y, ? super S, R> sub);

    /**
     * {@code yield from iterable}: yields each item in turn. While it delegates, a send of anything but
     * null raises {@link UnsupportedOperationException} here (a plain iterator has no {@code send}), and a
     * throw-in or close is raised here.
     */
    void yieldFrom(Iterable<? extends Y> items);
}
