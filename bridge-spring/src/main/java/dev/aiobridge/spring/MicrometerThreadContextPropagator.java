package dev.aiobridge.spring;

import dev.aiobridge.asyncio.ThreadContextPropagator;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.function.Predicate;

/**
 * A {@link ThreadContextPropagator} over Micrometer's context-propagation: every ThreadLocal registered
 * with the {@link ContextRegistry} (a logging MDC, Micrometer's Observation, a tracer's span, your own)
 * is captured when a task is created and set around each of its steps; ThreadLocals the snapshot has no
 * value for are cleared for the step, so one request's MDC never shows in another's task. Keys of
 * {@link ContextVarAccessor}s are left alone: context variables already follow the task.
 */
public final class MicrometerThreadContextPropagator implements ThreadContextPropagator {
    private static final Predicate<Object> NOT_A_CONTEXT_VAR = key -> !ContextVarAccessor.isContextVarKey(key);

    private final ContextSnapshotFactory snapshots;

    /** A propagator over the global {@link ContextRegistry}. */
    public MicrometerThreadContextPropagator() {
        this(ContextRegistry.getInstance());
    }

    /** A propagator over {@code registry}. */
    public MicrometerThreadContextPropagator(ContextRegistry registry) {
        this.snapshots = ContextSnapshotFactory.builder()
                .contextRegistry(registry)
                .clearMissing(true)
                .captureKeyPredicate(NOT_A_CONTEXT_VAR)
                .build();
    }

    @Override
    public Object capture() {
        return snapshots.captureAll();
    }

    @Override
    public Scope restore(Object captured) {
        ContextSnapshot.Scope scope = ((ContextSnapshot) captured).setThreadLocals(NOT_A_CONTEXT_VAR);
        return scope::close;
    }
}
