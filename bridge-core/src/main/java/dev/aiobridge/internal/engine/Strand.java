package dev.aiobridge.internal.engine;

/**
 * Per logical thread state of aiobridge (the running event loop, the current task). A logical thread is
 * a JVM thread together with every fiber it drives: on the {@code jdk} engine fibers run on the
 * driver's own thread, so a thread local is enough; on the {@code threads} engine a fiber's virtual
 * thread adopts its driver's strand at every resume, so code inside a generator body sees the same
 * running loop and current task as its driver, as it would on one thread.
 */
public final class Strand {
    private static final ThreadLocal<Strand> CURRENT = ThreadLocal.withInitial(Strand::new);

    /** The event loop running on this logical thread, or null (owned by the loop package). */
    public Object runningLoop;

    /** The task whose step is running on this logical thread, or null (owned by the task package). */
    public Object currentTask;

    /** The running loop's hooks (debug mode, reports, async generator hooks), or null. */
    public LoopHooks loopHooks;

    /** The current {@code Context} of this logical thread, or null for a fresh empty one (context package). */
    public Object context;

    /**
     * Puts the running task's thread-bound state (ThreadLocals, MDC) on the calling thread, or null: set by
     * the task package around a step. On the {@code jdk} engine the body runs on this thread, where the
     * task already put it; on the {@code threads} engine a fiber's own thread runs this when it adopts the
     * strand (that thread belongs to the fiber alone, so nothing needs undoing there).
     */
    public Runnable threadBound;

    /** The {@link #threadBound} last run on this (fiber) thread. */
    private static final ThreadLocal<Runnable> APPLIED = new ThreadLocal<>();

    private Strand() {
    }

    /** The strand of the calling logical thread. */
    public static Strand current() {
        return CURRENT.get();
    }

    /** Makes the calling thread (a fiber's thread) share {@code strand}. Used by the threads engine. */
    static void adopt(Strand strand) {
        if (CURRENT.get() != strand) {
            CURRENT.set(strand);
        }
        Runnable bound = strand.threadBound;
        if (bound != null && APPLIED.get() != bound) {
            APPLIED.set(bound);
            bound.run();
        }
    }
}
