package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.internal.engine.Strand;

/**
 * What runs on the calling logical thread (CPython's {@code events._get_running_loop} and
 * {@code tasks.current_task}): read by this package's classes, published by {@link AsyncIO}.
 */
final class Running {
    private Running() {
    }

    /** The running loop, or raises "no running event loop". */
    static EventLoop loop() {
        EventLoop loop = loopOrNull();
        if (loop == null) {
            throw new RuntimeError("no running event loop");
        }
        return loop;
    }

    /** The running loop, or null. */
    static EventLoop loopOrNull() {
        return (EventLoop) Strand.current().runningLoop;
    }

    /** The task whose step runs now, or null. */
    static Task<?> task() {
        return (Task<?>) Strand.current().currentTask;
    }
}
