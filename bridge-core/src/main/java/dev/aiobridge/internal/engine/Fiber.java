package dev.aiobridge.internal.engine;

/**
 * A body of code that can suspend itself and be resumed later: the one suspension mechanism every
 * generator, coroutine and task of aiobridge runs on. One fiber per started (non-inline) generator.
 *
 * <p>Invariant: at every instant exactly one of the driver (the code that called {@link #resume()})
 * and the body runs. {@link #resume()} returns when the body calls {@link #suspend()} or ends.
 * The body must not let an exception escape: the generator layer catches everything and records it.
 */
public abstract class Fiber {

    /** Runs the body from where it last suspended until it suspends again or ends. Driver side. */
    public abstract void resume();

    /**
     * Suspends the body and returns control to the caller of {@link #resume()}. Body side: call only
     * when {@link #isCurrent()} is true. Throws {@link IllegalStateException} with the reason when the
     * engine cannot suspend here (a pinned stack); the body then continues with that exception.
     */
    public abstract void suspend();

    /** True when called from this fiber's own body (and not from a fiber nested inside it). */
    public abstract boolean isCurrent();

    /** True once the body has ended. */
    public abstract boolean isDone();

    /** The body's stack while it is suspended, innermost call first; empty if it is not suspended. */
    public abstract StackTraceElement[] stackTrace();

    // The operations on what Engine.newFiberObject returns: a Fiber, or the jdk engine's bare continuation.

    /** {@link #resume()} of a fiber object. */
    public static void resume(Object fiber) {
        if (fiber instanceof Fiber f) {
            f.resume();
        } else {
            JdkEngine.resume(fiber);
        }
    }

    /** {@link #suspend()} of a fiber object, from its body. */
    public static void suspend(Object fiber) {
        if (fiber instanceof Fiber f) {
            f.suspend();
        } else {
            JdkEngine.suspend();
        }
    }

    /** {@link #isCurrent()} of a fiber object. */
    public static boolean isCurrent(Object fiber) {
        return fiber instanceof Fiber f ? f.isCurrent() : JdkEngine.isCurrent(fiber);
    }

    /** {@link #isDone()} of a fiber object. */
    public static boolean isDone(Object fiber) {
        return fiber instanceof Fiber f ? f.isDone() : JdkEngine.isDone(fiber);
    }

    /** {@link #stackTrace()} of a fiber object. */
    public static StackTraceElement[] stackTrace(Object fiber) {
        return fiber instanceof Fiber f ? f.stackTrace() : JdkEngine.stackTrace(fiber);
    }
}
