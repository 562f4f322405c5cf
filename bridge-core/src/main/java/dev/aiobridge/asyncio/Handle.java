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
    /** What the callback runs in: often a shared snapshot (see {@link #snapshot}), copied on write. */
    Context context;
    volatile boolean cancelled;

    Handle(Runnable callback, Context context) {
        this.callback = callback;
        this.context = context;
    }

    /**
     * What a callback scheduled now on {@code strand} runs in: a copy of the current context, shared by the
     * callbacks scheduled while its bindings stay the same (copied on write).
     */
    static Context snapshot(Strand strand) {
        return (Context) CONTEXT.snapshot(strand);
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
        Context c = context;
        if (CONTEXT.isShared(c)) {
            c = c.copy(); // this handle's own from now on: what the caller does to it, the callback sees
            context = c;
        }
        return c;
    }

    /**
     * Runs the callback in its context on {@code loop}; an exception goes to the loop's handler (CPython
     * Handle._run).
     */
    void run(Strand strand, BaseEventLoop loop) {
        Context ctx = context;
        boolean shared = CONTEXT.isShared(ctx);
        Object previous = strand.context;
        if (!shared) {
            CONTEXT.enter(ctx, strand);
        } else if (previous != ctx) {
            strand.context = ctx; // a snapshot is never changed: it may stay current (the loop restores its own)
        }
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
            if (!shared) {
                CONTEXT.exit(ctx, strand, previous);
            } else if (strand.context != ctx) {
                // a ContextVar.set inside copied the snapshot: the handle keeps the copy
                context = (Context) CONTEXT.exit(ctx, strand, previous);
            }
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
