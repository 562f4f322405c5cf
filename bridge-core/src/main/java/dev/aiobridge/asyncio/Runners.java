package dev.aiobridge.asyncio;

import java.util.List;

/** The shutdown steps of {@link AsyncIO#run} (CPython's {@code runners.py}). */
final class Runners {
    private Runners() {
    }

    /** A future done once every one of {@code futures} is done (gather with return_exceptions). */
    static Future<Void> allDone(EventLoop loop, List<? extends Future<?>> futures) {
        Future<Void> all = loop.createFuture();
        int[] left = {futures.size()};
        if (left[0] == 0) {
            all.setResult(null);
            return all;
        }
        for (Future<?> f : futures) {
            f.addDoneCallback(done -> {
                if (!done.isCancelled()) {
                    done.exception(); // retrieved: reported below by cancelAllTasks if it matters
                }
                if (--left[0] == 0 && !all.isDone()) {
                    all.setResult(null);
                }
            });
        }
        return all;
    }

    /** {@code loop.shutdown_asyncgens()}: closes the async generators still suspended on {@code loop}. */
    static void shutdownAsyncGenerators(EventLoop loop) {
        loop.runUntilComplete(loop.shutdownAsyncgens());
    }

    /** {@code loop.shutdown_default_executor()}, run to its end. */
    static void shutdownDefaultExecutor(EventLoop loop) {
        loop.runUntilComplete(loop.shutdownDefaultExecutor());
    }
}
