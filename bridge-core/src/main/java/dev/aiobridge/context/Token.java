package dev.aiobridge.context;

/**
 * What {@link ContextVar#set} returns: restores the variable's previous value once, with
 * {@link ContextVar#reset}.
 *
 * @param <T> the type of the variable's value
 */
public final class Token<T> {
    /** Python's {@code Token.MISSING}: what {@link #oldValue()} is when the variable had no value. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<Token.MISSING>";
        }
    };

    final Context context;
    final ContextVar<T> var;
    final Object oldValue;
    boolean used;

    Token(Context context, ContextVar<T> var, Object oldValue) {
        this.context = context;
        this.var = var;
        this.oldValue = oldValue;
    }

    /** The variable this token belongs to. */
    public ContextVar<T> var() {
        return var;
    }

    /** The value the variable had before the set, or {@link #MISSING}. */
    public Object oldValue() {
        return oldValue == Context.MISSING_VALUE ? MISSING : oldValue;
    }

    @Override
    public String toString() {
        return "<Token" + (used ? " used" : "") + " var=" + var + " at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
