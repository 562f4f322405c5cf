package dev.aiobridge.asyncio;

import java.util.Set;

/**
 * What {@link AsyncIO#wait} returns, asyncio's {@code (done, pending)}: the futures that are done and
 * those still pending, each in insertion order.
 *
 * @param done the futures that are done
 * @param pending the futures that are not
 * @param <F> the type of the futures
 */
public record Done<F>(Set<F> done, Set<F> pending) {
}
