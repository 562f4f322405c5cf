package dev.aiobridge.asyncio;

/**
 * Thread-bound state that lives outside {@linkplain dev.aiobridge.context.ContextVar context variables}
 * (ThreadLocals, a logging MDC, a tracing scope), carried into a loop's tasks: captured on the thread
 * that creates a task, restored on the loop's thread around every step of that task, so what a request
 * filter put there is still there after any number of awaits. A callback handed in from another thread
 * ({@code callSoonThreadsafe}) gets the same treatment around its one run, which is how a task created by
 * that callback (a Reactor subscription starting a coroutine) inherits the subscriber's state.
 * Kotlin's {@code ThreadContextElement} is the same idea; bridge-spring installs one built on Micrometer's
 * context-propagation with {@link EventLoop#setThreadContextPropagator}.
 */
public interface ThreadContextPropagator {

    /** Captures the calling thread's state, or returns null when there is nothing to carry. */
    Object capture();

    /** Installs {@code captured} (never null) on the calling thread; the scope puts back what was there. */
    Scope restore(Object captured);

    /** Undoes one {@link #restore}. */
    interface Scope extends AutoCloseable {
        /** Puts back the thread's state as it was before the restore. */
        @Override
        void close();
    }
}
