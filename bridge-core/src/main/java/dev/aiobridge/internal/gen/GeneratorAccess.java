package dev.aiobridge.internal.gen;

import java.util.function.Function;

/**
 * Gives the other packages of aiobridge the {@link Frame} behind a public {@code Generator}, without
 * making it part of the public API (the JDK's shared-secrets pattern). Typed with {@code Object} so
 * that this package does not depend on the generator package (no package cycle).
 */
public final class GeneratorAccess {
    private static volatile Function<Object, Frame> frameOf;
    private static volatile Function<Frame, Object> wrap;

    private GeneratorAccess() {
    }

    /** Installed once by {@code Generator}'s static initializer. */
    public static void install(Function<Object, Frame> access, Function<Frame, Object> wrapper) {
        frameOf = access;
        wrap = wrapper;
    }

    /** A public generator over {@code frame} (a frame made by another package, e.g. a coroutine's __await__). */
    @SuppressWarnings("unchecked")
    public static <G> G wrap(Frame frame) {
        ensureInstalled();
        return (G) wrap.apply(frame);
    }

    private static void ensureInstalled() {
        if (wrap == null) {
            try {
                Class.forName("dev.aiobridge.generator.Generator", true, GeneratorAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The frame behind {@code generator}. */
    public static Frame frameOf(Object generator) {
        Function<Object, Frame> f = frameOf;
        if (f == null) {
            // Generator's class initializer installs the accessor; a live instance implies it ran.
            throw new IllegalStateException("generator access not installed");
        }
        return f.apply(generator);
    }
}
