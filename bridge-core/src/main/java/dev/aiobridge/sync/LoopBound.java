package dev.aiobridge.sync;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;

/** asyncio's {@code _LoopBoundMixin}: bound to the loop running at first use, refused from any other. */
abstract class LoopBound {
    private EventLoop loop;

    final EventLoop loop() {
        EventLoop running = AsyncIO.getRunningLoop();
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new RuntimeError(this + " is bound to a different event loop");
        }
        return loop;
    }
}
