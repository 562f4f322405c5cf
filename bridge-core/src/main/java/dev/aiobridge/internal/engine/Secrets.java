package dev.aiobridge.internal.engine;

/**
 * The JDK's shared-secrets pattern for aiobridge's own packages: a public package installs, from its
 * static initializer, an accessor for an operation that other aiobridge packages need but users must
 * not see (entering a {@code Context} on a strand, stepping a {@code Coroutine} without exceptions).
 * Typed with {@code Object} so that this package depends on none of them (no package cycle).
 */
public final class Secrets {
    private Secrets() {
    }

    /** {@code Context.enter}/{@code exit} on a strand. */
    public interface ContextEntry {
        /** Makes {@code context} current on {@code strand}; returns the context to restore. */
        Object enter(Object context, Strand strand);

        /**
         * Makes {@code previous} current again on {@code strand}, leaving {@code context}; returns the context
         * that was current: {@code context}, or the private copy a {@code ContextVar.set} made of it when it
         * was a shared snapshot.
         */
        Object exit(Object context, Strand strand, Object previous);

        /**
         * What a callback scheduled now on {@code strand} runs in: a copy of its current context, shared by
         * every callback scheduled while the bindings stay the same (copied on the first
         * {@code ContextVar.set} inside one of them).
         */
        Object snapshot(Strand strand);

        /** True for a shared snapshot, which must be copied before a user sees it. */
        boolean isShared(Object context);

        /**
         * The current context of {@code strand}, made private first if it is a shared snapshot (what a
         * {@code ContextVar.set} does): the copy is current from now on.
         */
        Object currentForWrite(Strand strand);
    }

    /** A coroutine's non-throwing step, for tasks. */
    public interface CoroutineStep {
        /**
         * Resumes {@code coroutine} with {@code value} or raises {@code thrown} in it; returns what it
         * yielded, or the frame's {@code Finished} when it ended.
         */
        Object step(Object coroutine, Object value, Throwable thrown);
    }

    private static volatile ContextEntry contextEntry;
    private static volatile CoroutineStep coroutineStep;

    /** Installed by {@code Context}'s static initializer. */
    public static void install(ContextEntry entry) {
        contextEntry = entry;
    }

    /** Installed by {@code Coroutine}'s static initializer. */
    public static void install(CoroutineStep step) {
        coroutineStep = step;
    }

    /** The context entry; {@code owner} is {@code Context.class}, initialized here if it was not yet. */
    public static ContextEntry contextEntry(Class<?> owner) {
        initialize(owner);
        return contextEntry;
    }

    /** The coroutine step; {@code owner} is {@code Coroutine.class}, initialized here if it was not yet. */
    public static CoroutineStep coroutineStep(Class<?> owner) {
        initialize(owner);
        return coroutineStep;
    }

    private static void initialize(Class<?> owner) {
        try {
            Class.forName(owner.getName(), true, owner.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
