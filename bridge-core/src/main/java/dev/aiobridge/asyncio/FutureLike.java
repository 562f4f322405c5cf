package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.generator.Generator;
import java.util.function.Consumer;

/**
 * asyncio's Future protocol, for a future of your own: what CPython's {@code Task} accepts by duck typing
 * ({@code futures.isfuture()}: an object with {@code _asyncio_future_blocking}). A coroutine that awaits
 * one suspends its task until the object calls its done callbacks, exactly as with a {@link Future}.
 *
 * <p>The protocol, as CPython's {@code Task.__step} uses it: the await sets the blocking flag and yields
 * the object itself ({@link #awaitGenerator()} does that); the task checks that {@link #getLoop()} is its
 * own loop ("... attached to a different loop" otherwise), refuses an object yielded with the flag false
 * ("yield was used instead of yield from"), clears the flag, and registers a done callback with its
 * context. When the object is done it must schedule each callback on its loop
 * ({@code loop.callSoon(() -> callback.accept(this), context)}); the task then reads {@link #result()},
 * which returns the value or raises the exception (a {@link CancelledError} when cancelled). Cancelling
 * the task calls {@link #cancel(String)} on the object it waits for.
 *
 * <p>{@link Future} follows the same protocol through its own, faster path.
 *
 * @param <T> the type of the result
 */
public interface FutureLike<T> extends Awaitable<T> {

    /** {@code _asyncio_future_blocking}: true from the await's yield until a task accepts the object. */
    boolean isBlocking();

    /** Sets {@code _asyncio_future_blocking}; the await sets it, the accepting task clears it. */
    void setBlocking(boolean blocking);

    /** {@code get_loop()}: the loop the object belongs to. */
    EventLoop getLoop();

    /** {@code done()}: true once it has a result or an exception, or is cancelled. */
    boolean isDone();

    /** {@code result()}: the value; raises the exception, or a CancelledError when cancelled. */
    T result();

    /** {@code cancel(msg)}: cancels it; true if it was pending and is now cancelled. */
    boolean cancel(String message);

    /**
     * {@code add_done_callback(fn, context=context)}: when done, schedule {@code callback} on the loop in
     * {@code context}, with this object as its argument.
     */
    void addDoneCallback(Consumer<? super FutureLike<T>> callback, Context context);

    /**
     * {@code __await__}: "if not done, set the blocking flag and yield me; then return my result", as
     * CPython's {@code Future.__await__}.
     */
    @Override
    default Generator<Object, Object, T> awaitGenerator() {
        return Generator.of(g -> {
            if (!isDone()) {
                setBlocking(true);
                g.yield(this); // tells the task to wait for completion
            }
            if (!isDone()) {
                throw new RuntimeError("await wasn't used with future");
            }
            return result();
        });
    }
}
