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

    /**
     * A new fiber for {@code body} as the object its driver keeps: a {@link Fiber}, or on the {@code jdk}
     * engine the bare continuation (one object less per suspended generator or task). Drive it with
     * the static methods of {@link Fiber}.
     */
    public Object newFiberObject(Runnable body) {
        return newFiber(body);
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * The engine this JVM uses: chosen once, see the class comment. The first call logs the choice
     * ({@link System.Logger}, INFO; a WARNING with the missing flag when {@code auto} falls back to
     * {@code threads}). A choice that cannot be honoured ({@code -Daiobridge.engine=jdk} without the
     * export, an unknown name) raises the same {@link IllegalStateException} on every call.
     */
    public static Engine current() {
        Engine engine = Default.ENGINE;
        if (engine == null) {
            throw new IllegalStateException(Default.PROBLEM);
        }
        return engine;
    }

    /** The {@code jdk} engine, or an {@link IllegalStateException} saying how to enable it. */
    public static Engine jdk() {
        JdkEngine engine = JdkEngine.INSTANCE;
        if (engine == null) {
            throw new IllegalStateException(missingExport("the jdk continuation engine (-D" + PROPERTY + "=jdk)"));
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

    /**
     * The JVM flag that gives the {@code jdk} engine to this library where it is loaded now: the module
     * path needs the export to name our module, the class path {@code ALL-UNNAMED}.
     */
    public static String exportFlag() {
        Module module = Engine.class.getModule();
        return "--add-exports java.base/jdk.internal.vm=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED");
    }

    /** "{@code what} needs ...": the flags for the class path, the module path and an executable jar. */
    static String missingExport(String what) {
        return what + " needs java.base/jdk.internal.vm exported to aiobridge: run java with "
                + exportFlag() + " (class path: --add-exports java.base/jdk.internal.vm=ALL-UNNAMED;"
                + " module path: --add-exports java.base/jdk.internal.vm=dev.aiobridge.core;"
                + " executable jar: the manifest line Add-Exports: java.base/jdk.internal.vm)";
    }

    /**
     * The choice, made once when first needed. Never fails to initialize: a choice that cannot be
     * honoured leaves {@code ENGINE} null and {@code PROBLEM} set, so every use gets the same message
     * (not a NoClassDefFoundError after the first).
     */
    private static final class Default {
        static final String PROBLEM;
        static final Engine ENGINE;

        static {
            String wanted = System.getProperty(PROPERTY, "auto");
            Engine engine = null;
            String problem = null;
            try {
                engine = choose(wanted);
            } catch (IllegalStateException e) {
                problem = e.getMessage();
            }
            ENGINE = engine;
            PROBLEM = problem;
            announce(wanted, engine, problem);
        }

        private static Engine choose(String wanted) {
            return switch (wanted.trim().toLowerCase(Locale.ROOT)) {
                case "jdk" -> jdk();
                case "threads" -> threads();
                case "auto", "" -> jdkAvailable() ? jdk() : threads();
                default -> throw new IllegalStateException(
                        "-D" + PROPERTY + "=" + wanted + ": expected jdk, threads or auto");
            };
        }

        /** One log line at first use: the engine, or why it is the slow one, or why there is none. */
        private static void announce(String wanted, Engine engine, String problem) {
            System.Logger log = System.getLogger("dev.aiobridge.engine");
            if (engine == null) {
                log.log(System.Logger.Level.ERROR, "aiobridge: no continuation engine: " + problem);
            } else if (engine == ThreadsEngine.INSTANCE && !"threads".equalsIgnoreCase(wanted.trim())) {
                log.log(System.Logger.Level.WARNING, "aiobridge: continuation engine threads (a virtual thread per "
                        + "generator, several times slower than jdk): "
                        + missingExport("the fast engine jdk (jdk.internal.vm.Continuation)"));
            } else {
                log.log(System.Logger.Level.INFO, "aiobridge: continuation engine " + engine.name()
                        + (engine == ThreadsEngine.INSTANCE ? " (a virtual thread per generator; -D" + PROPERTY
                        + "=threads)" : " (jdk.internal.vm.Continuation)"));
            }
        }
    }
}
