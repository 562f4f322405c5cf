package dev.aiobridge.internal.engine;

import java.util.Locale;

/**
 * Makes {@link Fiber}s. Two implementations: {@code jdk} ({@code jdk.internal.vm.Continuation}, fast,
 * needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} at run time) and {@code threads}
 * (a virtual thread per fiber with a strict hand-off, works on any JVM >= 21).
 *
 * <p>The engine is chosen once, when first needed: the system property {@value #PROPERTY} forces one
 * ({@code jdk} or {@code threads}); otherwise ({@code auto}, the default) {@code jdk} when its package is
 * exported to us, else {@code threads}.
 */
public abstract class Engine {

    /** The system property that forces an engine: {@code jdk}, {@code threads} or {@code auto}. */
    public static final String PROPERTY = "aiobridge.engine";

    /** Fibers started and not yet ended, over both engines (a leak check for tests). */
    static final java.util.concurrent.atomic.LongAdder LIVE = new java.util.concurrent.atomic.LongAdder();

    /** How many fibers have started and not yet ended: bodies suspended somewhere, or running. */
    public static long liveFibers() {
        return LIVE.sum();
    }

    /** A fiber's body began (called by the body itself). */
    public static void fiberStarted() {
        LIVE.increment();
    }

    /** A fiber's body ended (called by the body itself). */
    public static void fiberEnded() {
        LIVE.decrement();
    }

    /** The engine's name, {@code "jdk"} or {@code "threads"}. */
    public abstract String name();

    /** A new fiber that will run {@code body} on its first {@link Fiber#resume()}. */
    public abstract Fiber newFiber(Runnable body);

    @Override
    public String toString() {
        return name();
    }

    /** The engine this JVM uses: chosen once, see the class comment. */
    public static Engine current() {
        return Default.ENGINE;
    }

    /** The {@code jdk} engine, or an {@link IllegalStateException} saying how to enable it. */
    public static Engine jdk() {
        JdkEngine engine = JdkEngine.INSTANCE;
        if (engine == null) {
            throw new IllegalStateException(JdkEngine.UNAVAILABLE);
        }
        return engine;
    }

    /** True when the {@code jdk} engine can be used in this JVM. */
    public static boolean jdkAvailable() {
        return JdkEngine.INSTANCE != null;
    }

    /** The {@code threads} engine (always available). */
    public static Engine threads() {
        return ThreadsEngine.INSTANCE;
    }

    private static final class Default {
        static final Engine ENGINE = choose(System.getProperty(PROPERTY, "auto"));

        private static Engine choose(String wanted) {
            return switch (wanted.trim().toLowerCase(Locale.ROOT)) {
                case "jdk" -> jdk();
                case "threads" -> threads();
                case "auto", "" -> jdkAvailable() ? jdk() : threads();
                default -> throw new IllegalStateException(
                        "-D" + PROPERTY + "=" + wanted + ": expected jdk, threads or auto");
            };
        }
    }
}
