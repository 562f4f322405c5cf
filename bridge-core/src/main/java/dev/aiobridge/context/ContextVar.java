package dev.aiobridge.context;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.builtins.RuntimeError;
import java.util.NoSuchElementException;

/**
 * Python's {@code contextvars.ContextVar}: a variable whose value belongs to the current
 * {@link Context}, so each task sees its own.
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {
    private final String name;
    private final Object defaultValue;

    private ContextVar(String name, Object defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
    }

    /** A variable with no default: {@link #get()} raises {@link NoSuchElementException} while it is unset. */
    public static <T> ContextVar<T> of(String name) {
        Context.requireNonNull(name, "name");
        return new ContextVar<>(name, Context.MISSING_VALUE);
    }

    /** A variable with a default value (which may be null). */
    public static <T> ContextVar<T> withDefault(String name, T defaultValue) {
        Context.requireNonNull(name, "name");
        return new ContextVar<>(name, defaultValue);
    }

    /** The variable's name. */
    public String name() {
        return name;
    }

    /** True if the variable has a default value. */
    public boolean hasDefault() {
        return defaultValue != Context.MISSING_VALUE;
    }

    /**
     * The value in the current context, else the variable's default; raises
     * {@link NoSuchElementException} (Python's {@code LookupError}) when there is neither.
     */
    public T get() {
        Object v = Context.current().lookup(this);
        if (v != Context.MISSING_VALUE) {
            return cast(v);
        }
        if (defaultValue != Context.MISSING_VALUE) {
            return cast(defaultValue);
        }
        throw new NoSuchElementException(toString());
    }

    /** The value in the current context, else {@code fallback} (the variable's default is not used). */
    public T get(T fallback) {
        Object v = Context.current().lookup(this);
        return v != Context.MISSING_VALUE ? cast(v) : fallback;
    }

    /** Sets the value in the current context; the token restores the previous state with {@link #reset}. */
    public Token<T> set(T value) {
        Context ctx = Context.currentForWrite();
        Object old = ctx.lookup(this);
        ctx.bind(this, value);
        return new Token<>(ctx, this, old);
    }

    /**
     * Restores the value this variable had before the {@link #set} that made {@code token}. A token works
     * once ("Token has already been used once"), only for its own variable ("Token was created by a
     * different ContextVar") and in its own context ("Token was created in a different Context"); those
     * misuses raise {@link IllegalStateException} / {@link IllegalArgumentException} (Python's
     * RuntimeError / ValueError).
     */
    public void reset(Token<T> token) {
        if (token.used) {
            throw new RuntimeError(token + " has already been used once");
        }
        if (token.var != this) {
            throw new ValueError(token + " was created by a different ContextVar");
        }
        Context ctx = Context.current();
        if (token.context != ctx) {
            throw new ValueError(token + " was created in a different Context");
        }
        token.used = true;
        ctx.bind(this, token.oldValue);
    }

    @SuppressWarnings("unchecked")
    T cast(Object value) {
        return value == Context.MISSING_VALUE ? null : (T) value;
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'" + (hasDefault() ? " default=" + defaultValue : "") + " at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
