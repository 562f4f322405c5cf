package dev.aiobridge.reactor;

import dev.aiobridge.context.Context;
import dev.aiobridge.context.ContextVar;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import reactor.util.context.ContextView;

/**
 * Task context variables and Reactor's {@link reactor.util.context.Context}, both directions, for the
 * pairs registered with {@link #bind}: a coroutine started by a subscription ({@code ReactorBridge.mono})
 * sees the subscriber's Reactor Context values in the bound variables; a Publisher awaited or iterated
 * inside a coroutine sees the coroutine's variable values in its Reactor Context.
 */
public final class ContextBridge {
    private static final Map<ContextVar<?>, Object> BINDINGS = new ConcurrentHashMap<>();

    private ContextBridge() {
    }

    /** Binds {@code var} to the Reactor Context key {@code reactorKey}, both directions. */
    public static <T> void bind(ContextVar<T> var, Object reactorKey) {
        BINDINGS.put(Objects.requireNonNull(var, "var"), Objects.requireNonNull(reactorKey, "reactorKey"));
    }

    /** Removes the binding of {@code var}. */
    public static void unbind(ContextVar<?> var) {
        BINDINGS.remove(var);
    }

    /** A copy of the current task context, with the bound variables set from {@code reactor}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Context fromReactor(ContextView reactor) {
        Context context = Context.copyCurrent();
        if (BINDINGS.isEmpty() || reactor.isEmpty()) {
            return context;
        }
        context.run(() -> BINDINGS.forEach((var, key) -> {
            if (reactor.hasKey(key)) {
                ((ContextVar) var).set(reactor.get(key));
            }
        }));
        return context;
    }

    /** A Reactor Context holding the current values of the bound variables that have one. */
    static reactor.util.context.Context toReactor() {
        reactor.util.context.Context out = reactor.util.context.Context.empty();
        if (BINDINGS.isEmpty()) {
            return out;
        }
        for (Map.Entry<ContextVar<?>, Object> e : BINDINGS.entrySet()) {
            Object value = e.getKey().get(null);
            if (value != null) {
                out = out.put(e.getValue(), value);
            }
        }
        return out;
    }
}
