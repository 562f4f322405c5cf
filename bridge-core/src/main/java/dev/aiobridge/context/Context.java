package dev.aiobridge.context;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.internal.engine.Rethrow;
import dev.aiobridge.internal.engine.Secrets;
import dev.aiobridge.internal.engine.Strand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Python's {@code contextvars.Context}: a mapping of {@link ContextVar}s to values. Each logical thread
 * has a current context; every task runs in its own copy taken when it was created, and every callback
 * in the copy taken when it was scheduled, so a change made inside a task is invisible to its parent.
 *
 * <p>The mapping is persistent: {@link #copy()} is O(1) (it shares the immutable bindings), and a
 * {@link ContextVar#set} inside a context replaces that context's bindings, never another's.
 */
public final class Context {
    private static final Object[] EMPTY = new Object[0];

    /** Immutable bindings: var, value, var, value, ... */
    private Object[] bindings;
    private boolean entered;
    /**
     * A snapshot shared by the callbacks scheduled from one context while its bindings stay the same: never
     * changed (a {@link ContextVar#set} while it is current makes a private copy, current from then on) and
     * never handed to users as it is. So {@code callSoon} needs no copy per callback.
     */
    private final boolean shared;
    /** This context's shared snapshot, reused while {@code bindings} are the same array. */
    private Context snapshot;

    private Context(Object[] bindings) {
        this(bindings, false);
    }

    private Context(Object[] bindings, boolean shared) {
        this.bindings = bindings;
        this.shared = shared;
    }

    /** A new, empty context. */
    public Context() {
        this(EMPTY);
    }

    /** Python's {@code copy_context()}: a copy of the calling logical thread's current context. */
    public static Context copyCurrent() {
        return new Context(current().bindings);
    }

    /**
     * What a callback scheduled now runs in: a copy of {@code strand}'s current context, as
     * {@link #copyCurrent()} gives, but shared by every callback scheduled while the bindings stay the same
     * (copied on the first {@link ContextVar#set} inside one of them).
     */
    private static Context snapshot(Strand strand) {
        Context c = current(strand);
        if (c.shared) {
            return c;
        }
        Context s = c.snapshot;
        if (s == null || s.bindings != c.bindings) {
            s = new Context(c.bindings, true);
            c.snapshot = s;
        }
        return s;
    }

    /** The current context of the calling logical thread (not a copy). */
    static Context current() {
        return current(Strand.current());
    }

    /** The current context of the calling logical thread, one a {@link ContextVar#set} may change. */
    static Context currentForWrite() {
        return currentForWrite(Strand.current());
    }

    private static Context currentForWrite(Strand strand) {
        Context c = current(strand);
        if (c.shared) {
            c = new Context(c.bindings); // copy on write: the snapshot stays as other callbacks share it
            c.entered = true;
            strand.context = c;
        }
        return c;
    }

    private static Context current(Strand strand) {
        Object c = strand.context;
        if (c == null) {
            Context root = new Context();
            strand.context = root;
            return root;
        }
        return (Context) c;
    }

    /** A copy of this context: same bindings, changed independently from now on. */
    public Context copy() {
        return new Context(bindings);
    }

    /**
     * Runs {@code action} in this context: inside it, {@link ContextVar#get} and {@link ContextVar#set}
     * read and change this context; the previous context is current again afterwards. A context can be
     * entered by one caller at a time ("cannot enter context: ... is already entered").
     */
    public void run(Runnable action) {
        Strand strand = Strand.current();
        Object previous = enter(strand);
        try {
            action.run();
        } finally {
            exit(strand, previous);
        }
    }

    /** Runs {@code action} in this context and returns its result; see {@link #run(Runnable)}. */
    public <T> T call(Callable<T> action) {
        Strand strand = Strand.current();
        Object previous = enter(strand);
        try {
            return action.call();
        } catch (Exception e) {
            throw Rethrow.unchecked(e);
        } finally {
            exit(strand, previous);
        }
    }

    static {
        Secrets.install(new Secrets.ContextEntry() {
            @Override
            public Object enter(Object context, Strand strand) {
                return ((Context) context).enter(strand);
            }

            @Override
            public Object exit(Object context, Strand strand, Object previous) {
                return ((Context) context).exit(strand, previous);
            }

            @Override
            public Object snapshot(Strand strand) {
                return Context.snapshot(strand);
            }

            @Override
            public boolean isShared(Object context) {
                return ((Context) context).shared;
            }

            @Override
            public Object currentForWrite(Strand strand) {
                return Context.currentForWrite(strand);
            }
        });
    }

    /** Enters this context on {@code strand}; returns the context to restore. */
    private Object enter(Strand strand) {
        if (!shared) {
            if (entered) {
                throw new RuntimeError("cannot enter context: " + this + " is already entered");
            }
            entered = true;
        }
        Object previous = strand.context;
        strand.context = this;
        return previous;
    }

    /**
     * Leaves this context, restoring {@code previous}; returns the context that was current: this one, or
     * the private copy that a {@link ContextVar#set} made of this shared snapshot.
     */
    private Context exit(Strand strand, Object previous) {
        Context ran = (Context) strand.context;
        strand.context = previous;
        entered = false;
        if (ran != this && ran != null) {
            ran.entered = false;
            return ran;
        }
        return this;
    }

    /** The value of {@code var} in this context, or null if it has none. */
    public <T> T get(ContextVar<T> var) {
        return var.cast(lookup(var));
    }

    /** True if {@code var} has a value in this context. */
    public boolean containsKey(ContextVar<?> var) {
        return indexOf(var) >= 0;
    }

    /** How many variables have a value here. */
    public int size() {
        return bindings.length / 2;
    }

    /** The variables that have a value here, in the order they were first set. */
    public List<ContextVar<?>> keys() {
        List<ContextVar<?>> keys = new ArrayList<>(size());
        for (int i = 0; i < bindings.length; i += 2) {
            keys.add((ContextVar<?>) bindings[i]);
        }
        return Collections.unmodifiableList(keys);
    }

    /** The bindings as a map (a snapshot). */
    public Map<ContextVar<?>, Object> toMap() {
        Map<ContextVar<?>, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < bindings.length; i += 2) {
            map.put((ContextVar<?>) bindings[i], bindings[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    // --- used by ContextVar

    static final Object MISSING_VALUE = new Object();

    Object lookup(ContextVar<?> var) {
        int i = indexOf(var);
        return i < 0 ? MISSING_VALUE : bindings[i + 1];
    }

    void bind(ContextVar<?> var, Object value) {
        int i = indexOf(var);
        Object[] next;
        if (value == MISSING_VALUE) {
            if (i < 0) {
                return;
            }
            next = new Object[bindings.length - 2];
            System.arraycopy(bindings, 0, next, 0, i);
            System.arraycopy(bindings, i + 2, next, i, bindings.length - i - 2);
        } else if (i >= 0) {
            next = bindings.clone();
            next[i + 1] = value;
        } else {
            next = new Object[bindings.length + 2];
            System.arraycopy(bindings, 0, next, 0, bindings.length);
            next[bindings.length] = var;
            next[bindings.length + 1] = value;
        }
        bindings = next;
    }

    private int indexOf(ContextVar<?> var) {
        Object[] b = bindings;
        for (int i = 0; i < b.length; i += 2) {
            if (b[i] == var) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "<Context object at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }

    static void requireNonNull(Object o, String what) {
        Objects.requireNonNull(o, what);
    }
}
