package dev.aiobridge.sync;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.internal.engine.Strand;

/** asyncio's {@code _LoopBoundMixin}: bound to the loop running at first use, refused from any other. */
abstract class LoopBound {
    private EventLoop loop;

    final EventLoop loop() {
        EventLoop running = (EventLoop) Strand.current().runningLoop; // asyncio.get_running_loop()
        if (running == null) {
            throw new RuntimeError("no running event loop");
        }
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new RuntimeError(this + " is bound to a different event loop");
        }
        return loop;
    }
}
