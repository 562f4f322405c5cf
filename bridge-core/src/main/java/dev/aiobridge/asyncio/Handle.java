package dev.aiobridge.asyncio;

import dev.aiobridge.context.Context;
import dev.aiobridge.internal.engine.Secrets;
import dev.aiobridge.builtins.RecursionError;
import dev.aiobridge.internal.engine.Strand;

/**
 * A callback scheduled on an event loop ({@code callSoon}): it runs once, in the {@link Context} captured
 * when it was scheduled, unless it is cancelled first. An exception it raises goes to the loop's
 * exception handler and the loop goes on.
 */
public class Handle {
    private static final Secrets.ContextEntry CONTEXT = Secrets.contextEntry(Context.class);

    final Runnable callback;
    final Context context;
    final BaseEventLoop loop;
    volatile boolean cancelled;

    Handle(Runnable callback, Context context, BaseEventLoop loop) {
        this.callback = callback;
        this.context = context;
        this.loop = loop;
    }

    /** Cancels the callback: it will not run. Does nothing if it already ran. */
    public void cancel() {
        cancelled = true;
    }

    /** True once {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** The context the callback runs in. */
    public Context getContext() {
        return context;
    }

    /** Runs the callback in its context; an exception goes to the loop's handler (CPython Handle._run). */
    void run(Strand strand) {
        Object previous = CONTEXT.enter(context, strand);
        try {
            invoke(strand);
        } catch (StackOverflowError overflow) {
            // One callback's recursion is its own failure, as in CPython: the loop goes on.
            loop.callExceptionHandler(ExceptionContext.of("Exception in callback " + this,
                    new RecursionError("maximum recursion depth exceeded (the stack overflowed)", overflow))
                    .withHandle(this));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            loop.callExceptionHandler(ExceptionContext.of("Exception in callback " + this, t).withHandle(this));
        } finally {
            CONTEXT.exit(context, strand, previous);
        }
    }

    /** The call itself, inside the context; a task's step overrides it. */
    void invoke(Strand strand) {
        callback.run();
    }

    @Override
    public String toString() {
        return "<Handle " + callback + (cancelled ? " cancelled" : "") + ">";
    }
}
