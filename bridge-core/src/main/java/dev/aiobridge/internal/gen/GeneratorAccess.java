package dev.aiobridge.internal.gen;

import dev.aiobridge.generator.Generator;
import java.util.function.Function;

/**
 * Gives the other packages of aiobridge the {@link Frame} behind a public {@link Generator}, without
 * making it part of the public API (the JDK's shared-secrets pattern).
 */
public final class GeneratorAccess {
    private static volatile Function<Generator<?, ?, ?>, Frame> frameOf;
    private static volatile Function<Frame, Generator<?, ?, ?>> wrap;

    private GeneratorAccess() {
    }

    /** Installed once by {@link Generator}'s static initializer. */
    public static void install(Function<Generator<?, ?, ?>, Frame> access, Function<Frame, Generator<?, ?, ?>> wrapper) {
        frameOf = access;
        wrap = wrapper;
    }

    /** A public generator over {@code frame} (a frame made by another package, e.g. a coroutine's __await__). */
    @SuppressWarnings("unchecked")
    public static <Y, S, R> Generator<Y, S, R> wrap(Frame frame) {
        ensureInstalled();
        return (Generator<Y, S, R>) wrap.apply(frame);
    }

    private static void ensureInstalled() {
        if (wrap == null) {
            try {
                Class.forName(Generator.class.getName(), true, Generator.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The frame behind {@code generator}. */
    public static Frame frameOf(Generator<?, ?, ?> generator) {
        Function<Generator<?, ?, ?>, Frame> f = frameOf;
        if (f == null) {
            // Generator's class initializer installs the accessor; a live instance implies it ran.
            throw new IllegalStateException("generator access not installed");
        }
        return f.apply(generator);
    }
}
