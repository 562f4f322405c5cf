package dev.aiobridge.benchmarks;

import static java.lang.invoke.MethodType.methodType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor of P1: one {@code Continuation.run()} of a body that loops on {@code Continuation.yield}.
 * Reached through static final method handles, exactly as the jdk engine reaches it, so the two differ
 * only by what aiobridge adds (the generator protocol), not by how the JDK API is called.
 *
 * <p>Why handles rather than compiling against {@code jdk.internal.vm} ({@code -source/-target 21
 * --add-exports}): the baseline would then make direct calls while the engine goes through handles, so
 * part of the gap would be how the API is called rather than what aiobridge adds; and this module keeps
 * {@code --release 21}. Static final handles are constant-folded and inlined by C2 in both, so the ratio
 * P1/bare isolates the generator protocol.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT})
public class BareContinuation {
    private static final Object SCOPE;
    private static final MethodHandle NEW;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> contClass = Class.forName("jdk.internal.vm.Continuation");
            SCOPE = lookup.findConstructor(scopeClass, methodType(void.class, String.class)).invoke("bench");
            NEW = lookup.findConstructor(contClass, methodType(void.class, scopeClass, Runnable.class))
                    .asType(methodType(Object.class, Object.class, Runnable.class));
            RUN = lookup.findVirtual(contClass, "run", methodType(void.class)).asType(methodType(void.class, Object.class));
            YIELD = lookup.findStatic(contClass, "yield", methodType(boolean.class, scopeClass))
                    .asType(methodType(boolean.class, Object.class));
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
    }

    private Object continuation;

    @Setup
    public void setup() throws Throwable {
        continuation = (Object) NEW.invokeExact(SCOPE, (Runnable) () -> {
            try {
                while (true) {
                    boolean ignored = (boolean) YIELD.invokeExact(SCOPE);
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        });
    }

    /** One run until the next yield. */
    @Benchmark
    public void runYield() throws Throwable {
        RUN.invokeExact(continuation);
    }
}
