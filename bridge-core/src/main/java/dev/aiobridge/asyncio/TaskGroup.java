package dev.aiobridge.asyncio;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.context.Context;
import dev.aiobridge.coroutine.AsyncContextManager;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.internal.engine.Rethrow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * asyncio's {@code TaskGroup} (3.11+, CPython 3.13's {@code taskgroups.py}): structured concurrency.
 * The group's block exits only when every task created in it is done (tasks created later by other
 * tasks included). The first task that fails cancels the other tasks and the block itself; all the
 * failures (never the cancellations) are then raised together in an {@link ExceptionGroup}, in the
 * order the tasks finished, followed by the block's own exception. A cancellation of the parent task
 * from outside cancels the tasks and propagates as a plain {@link CancelledError}.
 *
 * <pre>{@code
 * TaskGroup tg = new TaskGroup();          // async with asyncio.TaskGroup() as tg:
 * tg.with(a, () -> {
 *     Task<String> t1 = tg.createTask(fetch("a"));
 *     Task<String> t2 = tg.createTask(fetch("b"));
 * });                                      // both are done here
 * }</pre>
 *
 * The block is a lambda run in the current coroutine, awaiting with its {@link Awaiter} (Java's
 * try-with-resources cannot replace the exception leaving a block, which is what a group does); see
 * {@link AsyncContextManager}.
 */
public final class TaskGroup implements AsyncContextManager {

    private boolean entered;
    private boolean exiting;
    private boolean aborting;
    private EventLoop loop;
    private Task<?> parentTask;
    private boolean parentCancelRequested;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private List<Throwable> errors = new ArrayList<>();
    private Future<Boolean> onCompleted;

    /** {@code asyncio.TaskGroup()}: a group to enter with {@link #with}. */
    public TaskGroup() {
    }

    /**
     * {@code async with tg: block}: enters this group (once), runs the block, waits for every task of
     * the group, and returns the block's value (or raises the group's errors).
     */
    @Override
    public <T> T with(Awaiter a, Block<T> block) {
        Objects.requireNonNull(a, "awaiter");
        aenter();
        T result = null;
        Throwable error = null;
        try {
            result = block.run();
        } catch (Throwable t) {
            error = t;
        }
        try {
            aexit(a, error);
        } finally {
            parentTask = null;
            errors = null;
        }
        return result;
    }

    private void aenter() {
        if (entered) {
            throw new RuntimeError("TaskGroup " + this + " has already been entered");
        }
        if (loop == null) {
            loop = Running.loop();
        }
        parentTask = Running.task();
        if (parentTask == null) {
            throw new RuntimeError("TaskGroup " + this + " cannot determine the parent task");
        }
        entered = true;
    }

    private void aexit(Awaiter a, Throwable exc) {
        exiting = true;
        Throwable propagateCancellation = exc instanceof CancelledError ? exc : null;
        if (exc != null && !aborting) {
            // The parent is being cancelled, or the block raised: cancel the tasks.
            abort();
        }
        // A loop: the completion future may be cancelled repeatedly if the parent is cancelled again.
        while (!tasks.isEmpty()) {
            if (onCompleted == null) {
                onCompleted = loop.createFuture();
            }
            try {
                a.await(onCompleted);
            } catch (CancelledError ex) {
                if (!aborting) {
                    // The parent is being cancelled while the tasks still run.
                    propagateCancellation = ex;
                    abort();
                }
            }
            onCompleted = null;
        }
        if (parentCancelRequested) {
            // We cancelled the parent ourselves: take it back; if nothing else is pending, swallow it.
            if (parentTask.uncancel() == 0) {
                propagateCancellation = null;
            }
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            throw Rethrow.unchecked(propagateCancellation);
        }
        if (exc != null && !(exc instanceof CancelledError)) {
            errors.add(exc);
        }
        if (!errors.isEmpty()) {
            // Cancelled from outside too: keep the parent's cancel count stable, and its cancellation pending.
            if (parentTask.cancelling() > 0) {
                parentTask.uncancel();
                parentTask.cancel();
            }
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
    }

    /** {@code tg.create_task(coro)}: a task of this group. */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null, null);
    }

    /** {@code tg.create_task(coro, name=name)}. */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return createTask(coro, name, null);
    }

    /**
     * {@code tg.create_task(coro, name=name, context=context)}: a task of this group. Refused (and the
     * coroutine closed) before the group is entered, after it finished, or while it shuts down.
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        if (!entered) {
            coro.close();
            throw new RuntimeError("TaskGroup " + this + " has not been entered");
        }
        if (exiting && tasks.isEmpty()) {
            coro.close();
            throw new RuntimeError("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            coro.close();
            throw new RuntimeError("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coro, name, context);
        tasks.add(task);
        task.addDoneCallback(this::onTaskDone);
        return task;
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }

    private void onTaskDone(Future<?> done) {
        Task<?> task = (Task<?>) done;
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.isDone()) {
            onCompleted.setResult(true);
        }
        if (task.isCancelled()) {
            return;
        }
        Throwable exc = task.exception();
        if (exc == null) {
            return;
        }
        errors.add(exc);
        if (parentTask.isDone()) {
            loop.callExceptionHandler(ExceptionContext.of("Task " + task
                    + " has errored out but its parent task " + parentTask + " is already completed", exc)
                    .withTask(task));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Abort whatever the block is doing now; __aexit__ takes the parent's cancellation back.
            abort();
            parentCancelRequested = true;
            parentTask.cancel();
        }
    }

    @Override
    public String toString() {
        StringBuilder info = new StringBuilder();
        if (!tasks.isEmpty()) {
            info.append(" tasks=").append(tasks.size());
        }
        if (errors != null && !errors.isEmpty()) {
            info.append(" errors=").append(errors.size());
        }
        if (aborting) {
            info.append(" cancelling");
        } else if (entered) {
            info.append(" entered");
        }
        return "<TaskGroup" + info + ">";
    }
}
