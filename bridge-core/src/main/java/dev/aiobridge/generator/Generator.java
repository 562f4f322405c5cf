package dev.aiobridge.generator;

import dev.aiobridge.builtins.StopIteration;
import dev.aiobridge.builtins.GeneratorExit;
import dev.aiobridge.internal.engine.Engine;
import dev.aiobridge.internal.engine.Rethrow;
import dev.aiobridge.internal.gen.ForEachSink;
import dev.aiobridge.internal.gen.Frame;
import dev.aiobridge.internal.gen.GeneratorAccess;
import dev.aiobridge.internal.gen.Lookahead;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A Python generator in Java: a body that yields values of type {@code Y}, receives values of type
 * {@code S} from {@link #send}, and returns an {@code R}, suspended at each yield on a continuation.
 * The rules are CPython's (PEP 255, PEP 342, PEP 380, PEP 479; {@code close()} as in 3.13).
 *
 * <pre>{@code
 * Generator<Double, Double, Void> averager = Generator.of(g -> {
 *     double total = 0; int count = 0; Double average = null;
 *     while (true) {
 *         double term = g.yield(average);
 *         total += term; count++; average = total / count;
 *     }
 * });
 * averager.next();          // prime: runs to the first yield, returns null
 * averager.send(10.0);      // 10.0
 * averager.send(20.0);      // 15.0
 * }</pre>
 *
 * <p>Python's exceptions map to Java's, with CPython's messages:
 * <table>
 *   <caption>What each misuse raises</caption>
 *   <tr><th>Python</th><th>Java</th><th>when</th></tr>
 *   <tr><td>{@code StopIteration}</td><td>{@link StopIteration}</td><td>the body returned, or the generator
 *       had already ended</td></tr>
 *   <tr><td>{@code GeneratorExit}</td><td>{@link GeneratorExit} (an {@link Error})</td><td>raised at the yield by
 *       {@link #close()}</td></tr>
 *   <tr><td>{@code TypeError}</td><td>{@link dev.aiobridge.builtins.TypeError}</td><td>a non-null send to a generator
 *       that has not started</td></tr>
 *   <tr><td>{@code ValueError}</td><td>{@link dev.aiobridge.builtins.ValueError}</td><td>"generator already executing":
 *       resumed while running, from its own body or from another thread</td></tr>
 *   <tr><td>{@code RuntimeError}</td><td>{@link dev.aiobridge.builtins.RuntimeError}</td><td>"generator ignored GeneratorExit";
 *       "generator raised StopIteration" (PEP 479)</td></tr>
 *   <tr><td>{@code AttributeError}</td><td>{@link UnsupportedOperationException}</td><td>a non-null send while
 *       delegating to a plain iterable</td></tr>
 * </table>
 * Exceptions raised by the body or thrown in reach the caller as the same object, checked ones
 * included (they are not wrapped).
 *
 * <p>A generator is not thread-safe in the sense of running twice at once, and it does not need to be:
 * any resume while it runs is refused with "generator already executing", whichever thread tries. It
 * may be resumed from different threads one after the other.
 *
 * <p>On the {@code jdk} engine a yield cannot happen where the continuation is pinned (under a static
 * initializer or another native frame; inside {@code synchronized} on JDK 21 to 23): the yield raises an
 * {@link IllegalStateException} naming the cause, in the body, and nothing hangs.
 *
 * @param <Y> the type of yielded values
 * @param <S> the type of sent values
 * @param <R> the type of the return value
 */
public final class Generator<Y, S, R> implements Iterable<Y> {

    /** A generator's code: runs with its yield scope, returns the generator's return value. */
    @FunctionalInterface
    public interface Body<Y, S, R> {
        /** Runs the body; may throw anything, which reaches the generator's caller as it is. */
        R run(Yielder<Y, S> g) throws Throwable;
    }

    /** A generator's code that returns nothing (the generator's return value is null). */
    @FunctionalInterface
    public interface VoidBody<Y, S> {
        /** Runs the body; may throw anything, which reaches the generator's caller as it is. */
        void run(Yielder<Y, S> g) throws Throwable;
    }

    static {
        GeneratorAccess.install(g -> ((Generator<?, ?, ?>) g).frame(), Generator::new);
    }

    private final Frame frame;

    private Generator(Frame frame) {
        this.frame = frame;
        frame.setOwner(this);
    }

    /** A new generator, in state CREATED: nothing of {@code body} runs before the first {@link #next()}. */
    public static <Y, S, R> Generator<Y, S, R> of(Body<Y, S, R> body) {
        return new Generator<>(new Frame(Frame.Kind.GENERATOR,
                new Scope<>(java.util.Objects.requireNonNull(body, "a generator body is required, got null"))));
    }

    /** A new generator whose body returns nothing; see {@link #of}. */
    public static <Y, S> Generator<Y, S, Void> ofVoid(VoidBody<Y, S> body) {
        return of(g -> {
            body.run(g);
            return null;
        });
    }

    /** The continuation engine generators use in this JVM: {@code "jdk"} or {@code "threads"}. */
    public static String engine() {
        return Engine.current().name();
    }

    /**
     * {@code next(g)}: the same as {@code send(null)}. Returns the next yielded value; throws
     * {@link StopIteration} when the body returns (and on every call after the end).
     */
    public Y next() {
        return send(null);
    }

    /**
     * {@code g.send(value)}: resumes the body, which receives {@code value} as the result of its pending
     * yield; returns the next yielded value. A generator that has not started accepts only null.
     */
    @SuppressWarnings("unchecked")
    public Y send(S value) {
        Object out = frame.resume(value, null);
        if (out instanceof Frame.Finished end) {
            throw ended(end);
        }
        return (Y) out;
    }

    /**
     * CPython's {@code PyIter_Send}, the extension point for bridges that resume a generator once per
     * item (a Reactor {@code Flux}, a send-driven operator): resumes the body with {@code value} as the
     * result of its pending yield, or, if {@code exception} is not null, raises it there as
     * {@link #throwIn} does, and returns the next yielded value, or an {@link Ended} when the body
     * returned or raised. The end is a value here, not an exception: nothing is thrown for it. Misuse
     * (a generator already running, a non-null value sent to one not started) still raises.
     */
    public Object resume(S value, Throwable exception) {
        Object out = frame.resume(value, exception);
        if (out instanceof Frame.Finished end) {
            return new Ended(end.value(), end.error());
        }
        return out;
    }

    /**
     * {@code g.throw(exception)}: raises {@code exception} in the body at its suspension point. Returns
     * the next value the body yields if it handles the exception; raises {@link StopIteration} if it
     * returns; otherwise the exception (the same object) propagates and the generator is closed. Thrown
     * into a generator that has not started, it closes it without running any of the body; thrown into
     * an ended one, it is raised as it is.
     */
    @SuppressWarnings("unchecked")
    public Y throwIn(Throwable exception) {
        Object out = frame.resume(null, java.util.Objects.requireNonNull(exception, "exception"));
        if (out instanceof Frame.Finished end) {
            throw ended(end);
        }
        return (Y) out;
    }

    /**
     * {@code g.close()}: raises {@link GeneratorExit} at the suspension point so that the body's
     * {@code finally} blocks run (delegates are closed first, innermost first). Returns the body's return
     * value if it returned in response (Python 3.13), else null. Does nothing to a generator that has not
     * started (none of its body runs) or has ended. If the body yields instead of ending, the generator
     * stays suspended and this raises "generator ignored GeneratorExit"; any other exception the body
     * raises propagates.
     */
    @SuppressWarnings("unchecked")
    public R close() {
        return (R) frame.close();
    }

    /**
     * The value the body returned (what {@link StopIteration#value()} carried), once the generator has
     * ended by returning, including a return in response to {@link #close()}.
     *
     * @throws IllegalStateException if the generator has not ended, or ended by raising or being closed
     */
    @SuppressWarnings("unchecked")
    public R returnValue() {
        if (!frame.hasReturned()) {
            throw new IllegalStateException("the generator has not returned (it is " + frame.state()
                    + (frame.state() == Frame.State.CLOSED ? ", ended without a return value)" : ")"));
        }
        return (R) frame.returnValue();
    }

    /** The state, as {@code inspect.getgeneratorstate} reports it. */
    public GeneratorState state() {
        return GeneratorState.valueOf(frame.state().name());
    }

    /** {@code gi_running}: true while the body executes. */
    public boolean isRunning() {
        return frame.state() == Frame.State.RUNNING;
    }

    /**
     * {@code gi_yieldfrom}: what the body's {@code yieldFrom} currently delegates to (a {@link Generator}
     * or an {@link Iterator}), or null.
     */
    public Object yieldingFrom() {
        return frame.delegate();
    }

    /**
     * A Java iterator over the remaining values: {@code for (var x : gen)}, as Python's {@code for}
     * consumes a generator. It reads ahead one value in {@code hasNext()}; the return value is dropped,
     * as Python's {@code for} drops it. Every call continues the same generator.
     */
    @Override
    public Iterator<Y> iterator() {
        return lookahead();
    }

    private Lookahead<Y> lookahead() {
        return new Lookahead<>(() -> {
            try {
                return next();
            } catch (StopIteration end) {
                return Lookahead.END;
            }
        });
    }

    /**
     * Runs {@code action} on each remaining value, as Python's {@code for x in gen: action(x)}; the return
     * value is dropped. Internal iteration: the action runs on the generator's own stack at each yield, so
     * the body goes on without suspending per value (the generator is {@linkplain #isRunning() running}
     * meanwhile, so the action must not resume it). An exception of the action reaches the caller and
     * leaves the generator suspended at that value's yield, as an exception in a Python {@code for} body.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void forEach(Consumer<? super Y> action) {
        ForEachSink.forEach(frame, (Consumer<Object>) java.util.Objects.requireNonNull(action, "action"));
    }

    /**
     * A late-binding spliterator over the remaining values: {@code tryAdvance} resumes once per value,
     * {@code forEachRemaining} iterates internally as {@link #forEach} does.
     */
    @Override
    public Spliterator<Y> spliterator() {
        Lookahead<Y> it = lookahead();
        return new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super Y> action) {
                if (!it.hasNext()) {
                    return false;
                }
                action.accept(it.next());
                return true;
            }

            @Override
            public void forEachRemaining(Consumer<? super Y> action) {
                if (it.hasReadAhead()) { // a value tryAdvance's hasNext() read ahead goes first
                    action.accept(it.next());
                }
                if (!it.hasEnded()) {
                    forEach(action);
                }
            }
        };
    }

    /**
     * A sequential, ordered stream over the remaining values; closing the stream closes the generator
     * (its finally blocks run). Terminal operations that take every value ({@code forEach}, {@code sum},
     * {@code collect}, ...) iterate internally, as {@link #forEach} does.
     */
    public Stream<Y> stream() {
        return StreamSupport.stream(spliterator(), false).onClose(this::close);
    }

    @Override
    public String toString() {
        return "Generator[" + frame.state() + "]";
    }

    /**
     * Installs {@code sink} as this generator's {@link YieldSink} (null removes it): from now on each
     * value the body yields is offered to it first, on the body's own stack. Only a generator that is not
     * delegated to may have one (it is the root of its {@code yieldFrom} chain).
     */
    @SuppressWarnings("unchecked")
    public void setYieldSink(YieldSink<? super Y> sink) {
        frame.setYieldSink(sink == null ? null : value -> sink.offer((Y) value));
    }

    /** The frame behind a generator (for the yield scope's {@code yieldFrom}). */
    Frame frame() {
        return frame;
    }

    private static RuntimeException ended(Frame.Finished end) {
        if (end.error() != null) {
            return Rethrow.unchecked(end.error());
        }
        return new StopIteration(end.value());
    }

    /** The yield scope: adapts the typed API to the frame. */
    private static final class Scope<Y, S, R> implements Frame.Body, Yielder<Y, S> {
        private final Body<Y, S, R> body;
        private Frame frame;

        Scope(Body<Y, S, R> body) {
            this.body = body;
        }

        @Override
        public Object run(Frame self) throws Throwable {
            frame = self;
            return body.run(this);
        }

        @Override
        @SuppressWarnings("unchecked")
        public S yield(Y value) {
            return (S) frame.yieldValue(value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R2> R2 yieldFrom(Generator<? extends Y, ? super S, R2> sub) {
            return (R2) frame.yieldFrom(sub.frame());
        }

        @Override
        public void yieldFrom(Iterable<? extends Y> items) {
            if (items instanceof Generator<?, ?, ?> sub) {
                frame.yieldFrom(sub.frame());
            } else {
                frame.yieldFrom(items.iterator());
            }
        }
    }
}
