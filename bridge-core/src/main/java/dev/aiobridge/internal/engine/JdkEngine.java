package dev.aiobridge.internal.engine;

import static java.lang.invoke.MethodType.methodType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * The fast engine: one {@code jdk.internal.vm.Continuation} per fiber, reached through method handles so
 * that the library compiles with {@code --release 21} and needs only the run-time flag
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} (the examples jar carries it in its
 * manifest). The handles are static finals, so the JIT inlines them like direct calls.
 *
 * <p>Where a continuation cannot be suspended, {@code Continuation.yield} refuses with the pin reason
 * and {@link #suspend} turns it into an {@link IllegalStateException} that names the cause:
 * a native frame (a static initializer, a JNI upcall), a JDK critical section, or, on JDK 21 to 23,
 * a held monitor ({@code synchronized}; JDK 24+ suspends there fine).
 */
final class JdkEngine extends Engine {

    static final String UNAVAILABLE = "the jdk continuation engine needs the JVM flag "
            + "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED (or Add-Exports: java.base/jdk.internal.vm "
            + "in an executable jar's manifest); without it use -Daiobridge.engine=threads or auto";

    /** Null when {@code jdk.internal.vm} is not exported to us. */
    static final JdkEngine INSTANCE;

    private static final Object SCOPE;
    private static final MethodHandle NEW;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;
    private static final MethodHandle CURRENT;
    private static final MethodHandle IS_DONE;
    private static final MethodHandle STACK_TRACE;

    static {
        Object scope = null;
        MethodHandle create = null, run = null, yield = null, current = null, isDone = null, stackTrace = null;
        JdkEngine instance = null;
        try {
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> contClass = Class.forName("jdk.internal.vm.Continuation");
            if (contClass.getModule().isExported("jdk.internal.vm", JdkEngine.class.getModule())) {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                scope = lookup.findConstructor(scopeClass, methodType(void.class, String.class))
                        .invoke("aiobridge");
                create = lookup.findConstructor(contClass, methodType(void.class, scopeClass, Runnable.class))
                        .asType(methodType(Object.class, Object.class, Runnable.class));
                run = lookup.findVirtual(contClass, "run", methodType(void.class))
                        .asType(methodType(void.class, Object.class));
                yield = lookup.findStatic(contClass, "yield", methodType(boolean.class, scopeClass))
                        .asType(methodType(boolean.class, Object.class));
                current = lookup.findStatic(contClass, "getCurrentContinuation", methodType(contClass, scopeClass))
                        .asType(methodType(Object.class, Object.class));
                isDone = lookup.findVirtual(contClass, "isDone", methodType(boolean.class))
                        .asType(methodType(boolean.class, Object.class));
                stackTrace = lookup.findVirtual(contClass, "getStackTrace", methodType(StackTraceElement[].class))
                        .asType(methodType(StackTraceElement[].class, Object.class));
                instance = new JdkEngine();
            }
        } catch (Throwable unavailable) {
            instance = null;
        }
        SCOPE = scope;
        NEW = create;
        RUN = run;
        YIELD = yield;
        CURRENT = current;
        IS_DONE = isDone;
        STACK_TRACE = stackTrace;
        INSTANCE = instance;
    }

    private JdkEngine() {
    }

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public Fiber newFiber(Runnable body) {
        return new ContinuationFiber(newContinuation(body));
    }

    /** The bare continuation: its driver keeps it as its fiber, with no object around it. */
    @Override
    public Object newFiberObject(Runnable body) {
        return newContinuation(body);
    }

    private static Object newContinuation(Runnable body) {
        try {
            return (Object) NEW.invokeExact(SCOPE, body);
        } catch (Throwable t) {
            throw Rethrow.unchecked(t);
        }
    }

    /** Frames of {@link ThreadsEngine#headroom} before a run: more than Continuation.run's own calls use. */
    private static final int RUN_HEADROOM_FRAMES = 4;

    // The fiber operations on a bare continuation (see Fiber's static methods).

    static void resume(Object continuation) {
        // A stack overflow inside Continuation.run, after it mounted, leaves the continuation mounted
        // for ever ("Mounted!!!!" on every later run): overflow here instead, before anything happened.
        ThreadsEngine.headroom(RUN_HEADROOM_FRAMES);
        try {
            RUN.invokeExact(continuation);
        } catch (Throwable t) {
            throw Rethrow.unchecked(t);
        }
    }

    static void suspend() {
        boolean suspended;
        try {
            suspended = (boolean) YIELD.invokeExact(SCOPE);
        } catch (IllegalStateException pinned) {
            throw pinnedError(pinned);
        } catch (Throwable t) {
            throw Rethrow.unchecked(t);
        }
        if (!suspended) {
            throw new IllegalStateException("cannot yield here: the jdk continuation engine could not suspend");
        }
    }

    static boolean isCurrent(Object continuation) {
        try {
            return (Object) CURRENT.invokeExact(SCOPE) == continuation;
        } catch (Throwable t) {
            throw Rethrow.unchecked(t);
        }
    }

    static boolean isDone(Object continuation) {
        try {
            return (boolean) IS_DONE.invokeExact(continuation);
        } catch (Throwable t) {
            throw Rethrow.unchecked(t);
        }
    }

    static StackTraceElement[] stackTrace(Object continuation) {
        try {
            return (StackTraceElement[]) STACK_TRACE.invokeExact(continuation);
        } catch (Throwable t) {
            return new StackTraceElement[0];
        }
    }

    /** A continuation seen as a {@link Fiber} (for callers of {@link #newFiber}). */
    private static final class ContinuationFiber extends Fiber {
        private final Object continuation;

        ContinuationFiber(Object continuation) {
            this.continuation = continuation;
        }

        @Override
        public void resume() {
            JdkEngine.resume(continuation);
        }

        @Override
        public void suspend() {
            JdkEngine.suspend();
        }

        @Override
        public boolean isCurrent() {
            return JdkEngine.isCurrent(continuation);
        }

        @Override
        public boolean isDone() {
            return JdkEngine.isDone(continuation);
        }

        @Override
        public StackTraceElement[] stackTrace() {
            return JdkEngine.stackTrace(continuation);
        }
    }

    /** Names the cause of a refused {@code Continuation.yield} ("Pinned: REASON"). */
    static IllegalStateException pinnedError(IllegalStateException pinned) {
        String message = String.valueOf(pinned.getMessage());
        String why;
        if (message.contains("MONITOR")) {
            why = "a monitor is held (a synchronized block or method around the yield); "
                    + "JDK 24+ can suspend there, this JDK cannot";
        } else if (message.contains("NATIVE")) {
            why = "a native frame is on the stack between the generator body and the yield "
                    + "(a static initializer, a JNI upcall, a native method calling back into Java)";
        } else if (message.contains("CRITICAL_SECTION")) {
            why = "the thread is in a JDK critical section";
        } else {
            why = message;
        }
        return new IllegalStateException("cannot yield here: the jdk continuation engine cannot suspend because "
                + why + ". Move the yield out of it, or run with -Daiobridge.engine=threads", pinned);
    }
}
