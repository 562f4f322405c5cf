package dev.aiobridge.coroutine;

/**
 * Python's asynchronous context manager: what {@code async with cm:} enters. The block is a lambda run
 * in the current coroutine, awaiting with its {@link Awaiter}; it returns a value or nothing:
 *
 * <pre>{@code
 * lock.with(a, () -> counter++);                          // async with lock: counter += 1
 * String page = Timeout.after(5).with(a, () -> a.await(fetch(url)));
 * TaskGroup tg = new TaskGroup();                         // async with asyncio.TaskGroup() as tg:
 * tg.with(a, () -> {
 *     tg.createTask(work("a"));
 *     tg.createTask(work("b"));
 * });                                                     // both are done here
 * }</pre>
 *
 * A lambda rather than try-with-resources, because leaving the block may replace its exception (a
 * timeout turns its own cancellation into a {@code TimeoutError}, a task group gathers failures into an
 * {@code ExceptionGroup}), which {@code close()} cannot do.
 */
public interface AsyncContextManager {

    /**
     * {@code async with cm: block}: enters, runs {@code block}, exits (however the block ends), and
     * returns the block's value.
     */
    <T> T with(Awaiter a, Block<T> block);

    /** {@code async with cm: block}, for a block that returns nothing. */
    default void with(Awaiter a, VoidBlock block) {
        with(a, () -> {
            block.run();
            return null;
        });
    }

    /** The body of an {@code async with} block that returns a value. */
    @FunctionalInterface
    interface Block<T> {
        /** Runs the block. */
        T run() throws Throwable;
    }

    /** The body of an {@code async with} block that returns nothing. */
    @FunctionalInterface
    interface VoidBlock {
        /** Runs the block. */
        void run() throws Throwable;
    }
}
