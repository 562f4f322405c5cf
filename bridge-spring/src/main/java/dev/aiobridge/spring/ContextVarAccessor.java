package dev.aiobridge.spring;

import dev.aiobridge.context.ContextVar;
import dev.aiobridge.context.Token;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ContextVar} seen by Micrometer's context-propagation as if it were a ThreadLocal: Reactor's
 * Context and the calling thread's current aiobridge context exchange its value (with
 * {@code contextCapture()}, automatic context propagation, or the bridge-spring adapters, which put a
 * subscriber's Reactor Context into ThreadLocals while a coroutine's task is created). Inside tasks the
 * variable already follows Python's rules (copied at task creation, kept across awaits): the task-step
 * propagation of bridge-spring leaves these keys alone.
 *
 * <p>Register once: {@code ContextVarAccessor.register(REQUEST_ID)} (key: the variable's name). A value
 * set by {@link #setValue} is undone by the matching {@link #restore}, back to "no value" if it had none.
 *
 * @param <T> the variable's type
 */
public final class ContextVarAccessor<T> implements ThreadLocalAccessor<T> {
    private static final Set<Object> KEYS = ConcurrentHashMap.newKeySet();

    private final Object key;
    private final ContextVar<T> var;
    /** The tokens of this thread's pending sets, most recent first, so restore undoes exactly one. */
    private final ThreadLocal<ArrayDeque<Token<T>>> pending = ThreadLocal.withInitial(ArrayDeque::new);

    /** An accessor for {@code var} under {@code key}. */
    public ContextVarAccessor(Object key, ContextVar<T> var) {
        this.key = Objects.requireNonNull(key, "key");
        this.var = Objects.requireNonNull(var, "var");
        KEYS.add(key);
    }

    /** Registers an accessor for {@code var}, keyed by its name, with the global {@link ContextRegistry}. */
    public static <T> ContextVarAccessor<T> register(ContextVar<T> var) {
        ContextVarAccessor<T> accessor = new ContextVarAccessor<>(var.name(), var);
        ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
        return accessor;
    }

    /** True if {@code key} belongs to a ContextVarAccessor (task-step propagation skips those keys). */
    public static boolean isContextVarKey(Object key) {
        return KEYS.contains(key);
    }

    /** The context variable. */
    public ContextVar<T> var() {
        return var;
    }

    @Override
    public Object key() {
        return key;
    }

    /** The variable's value in the calling thread's current context, or null when it has none. */
    @Override
    public T getValue() {
        return var.get(null);
    }

    @Override
    public void setValue(T value) {
        pending.get().push(var.set(value));
    }

    /** "No value" for an accessor is null: the variable is set to null until the matching restore. */
    @Override
    public void setValue() {
        pending.get().push(var.set(null));
    }

    @Override
    public void restore(T previousValue) {
        undo(previousValue);
    }

    @Override
    public void restore() {
        undo(null);
    }

    private void undo(T previousValue) {
        Token<T> token = pending.get().poll();
        if (token != null) {
            try {
                var.reset(token); // back to exactly what was there, "no value" included
                return;
            } catch (IllegalStateException | IllegalArgumentException otherContext) {
                // the current context changed since the set: fall back to the value Micrometer remembers
            }
        }
        var.set(previousValue);
    }
}
