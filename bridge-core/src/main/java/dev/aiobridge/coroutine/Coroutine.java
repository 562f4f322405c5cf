package dev.aiobridge.coroutine;

import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.GeneratorState;
import dev.aiobridge.builtins.StopIteration;
import dev.aiobridge.generator.Yielder;
import dev.aiobridge.internal.engine.Rethrow;
import dev.aiobridge.internal.engine.Secrets;
import dev.aiobridge.internal.gen.Frame;
import dev.aiobridge.internal.gen.GeneratorAccess;
import java.util.Objects;

/**
 * A native coroutine ({@code async def}): a generator whose yields are what its driver must wait for
 * (a {@code Future}, or null for one turn of the loop), and whose body gets an {@link Awaiter} instead of
 * a yield scope. Usually a {@code Task} drives it; it can also be driven by hand, as the essay does,
 * with {@link #send}, {@link #throwIn} and {@link #close}.
 *
 * <pre>{@code
 * Coroutine<String> greet(String name) {
 *     return Coroutine.of(a -> {
 *         a.await(AsyncIO.sleep(0.01));
 *         return "hello " + name;
 *     });
 * }
 * }</pre>
 *
 * <p>The rules are CPython's: a coroutine is not an iterator (it has no {@code next()}); a finished
 * coroutine refuses {@code send}/{@code throwIn} with "cannot reuse already awaited coroutine"; a
 * {@code StopIteration} escaping its body becomes "coroutine raised StopIteration". Messages and
 * exception types are those of {@link Generator}, with "coroutine" for "generator".
 *
 * @param <T> the type of the coroutine's result
 */
public final class Coroutine<T> implements Awaitable<T> {

    /** A coroutine's code: runs with its await scope, returns the coroutine's result. */
    @FunctionalInterface
    public interface Body<T> {
        /** Runs the body; may throw anything, which reaches the awaiter as it is. */
        T run(Awaiter a) throws Throwable;
    }

    /** A coroutine's code that returns nothing. */
    @FunctionalInterface
    public interface VoidBody {
        /** Runs the body; may throw anything, which reaches the awaiter as it is. */
        void run(Awaiter a) throws Throwable;
    }

    /**
     * The coroutine's {@link Frame} ({@code inlineState == OWN_FRAME}). An {@linkplain #inline inline}
     * coroutine gets one only when driven directly; until then this slot holds its body
     * ({@code INLINE_CREATED}), then the frame of the coroutine awaiting it, whose state is ours
     * ({@code INLINE_RUNNING}), then null ({@code INLINE_DONE}): one field for the three, as each is
     * needed only before the next.
     */
    private Object frame;
    /**
     * What few coroutines have, in one field: null (no name given), the name given (a String), or
     * {@link Extras} when there is more (a "never awaited" tracker in debug mode, a reuse message).
     */
    private Object extra;
    /** What {@code frame} holds: one of the four states below. */
    private byte inlineState;
    private static final byte OWN_FRAME = 0;
    private static final byte INLINE_CREATED = 1;
    private static final byte INLINE_RUNNING = 2;
    private static final byte INLINE_DONE = 3;

    /**
     * The rarer parts of a coroutine: its name, the tracker that reports it "never awaited" in debug mode,
     * and the error for using it again once finished when not the plain coroutine's (asend/athrow objects).
     */
    private record Extras(String name, NeverAwaited tracker, String reuseMessage) {
    }

    private Coroutine(String name, Body<T> body) {
        this(name, new Scope(body, null));
    }

    private Coroutine(String name, Scope scope) {
        this.frame = scope;
        scope.setOwner(this);
        setExtra(name, null);
    }

    private Coroutine(String name, InlineAwaitable<T> body, String reuseMessage) {
        this.frame = body;
        this.inlineState = INLINE_CREATED;
        setExtra(name, reuseMessage);
    }

    private void setExtra(String name, String reuseMessage) {
        extra = reuseMessage == null ? name : new Extras(name, null, reuseMessage);
        NeverAwaited tracker = NeverAwaited.track(this); // null unless in debug mode
        if (tracker != null) {
            extra = new Extras(name, tracker, reuseMessage);
        }
    }

    private String reuseMessage() {
        return extra instanceof Extras e ? e.reuseMessage : null;
    }

    /**
     * A coroutine whose whole body is an await-generator body, such as {@code asyncio.sleep}'s: awaiting
     * it runs {@code body} directly on the awaiting coroutine (no frame, no allocation beyond this
     * object); driven any other way (a task, {@code send}) it gets a frame like any coroutine.
     */
    public static <T> Coroutine<T> inline(String name, InlineAwaitable<T> body) {
        return new Coroutine<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(body, "body"), null);
    }

    /**
     * An inline awaitable object that is not a coroutine in CPython (an async generator's asend/athrow
     * awaitable): used again once finished, it raises {@code reuseMessage} (genobject.c's words) instead of
     * "cannot reuse already awaited coroutine".
     */
    static <T> Coroutine<T> inline(String name, InlineAwaitable<T> body, String reuseMessage) {
        return new Coroutine<>(name, body, reuseMessage);
    }

    /** A new coroutine, CREATED: nothing of {@code body} runs before it is awaited, scheduled or sent to. */
    public static <T> Coroutine<T> of(Body<T> body) {
        return new Coroutine<>(null, Objects.requireNonNull(body, "body"));
    }

    /** A new coroutine with a name (Python's {@code __qualname__}), shown by tasks and reports. */
    public static <T> Coroutine<T> of(String name, Body<T> body) {
        return new Coroutine<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(body, "body"));
    }

    /** A new coroutine whose body returns nothing (its result is null). */
    public static Coroutine<Void> ofVoid(VoidBody body) {
        return new Coroutine<>(null, new Scope(null, Objects.requireNonNull(body, "body")));
    }

    /** A new named coroutine whose body returns nothing. */
    public static Coroutine<Void> ofVoid(String name, VoidBody body) {
        return new Coroutine<>(Objects.requireNonNull(name, "name"), new Scope(null, Objects.requireNonNull(body, "body")));
    }

    /** The coroutine's name ({@code __qualname__}); a generated one if none was given. */
    public String name() {
        Object x = extra;
        String name = x instanceof String s ? s : x instanceof Extras e ? e.name : null;
        return name != null ? name : "coroutine-" + Integer.toHexString(System.identityHashCode(this));
    }

    /**
     * {@code coro.send(value)}: resumes the body; returns what the innermost await yields (a future to
     * wait for, or null for one turn of the loop). Throws {@link StopIteration} carrying the result when
     * the body returns. Only null may be sent to a coroutine that has not started.
     */
    public Object send(Object value) {
        refuseReuse();
        return unwrap(frame().resume(value, null));
    }

    /** {@code coro.throw(exception)}: raises {@code exception} at the await where the body is suspended. */
    public Object throwIn(Throwable exception) {
        refuseReuse();
        return unwrap(frame().resume(null, Objects.requireNonNull(exception, "exception")));
    }

    /**
     * {@code coro.close()}: raises {@code GeneratorExit} at the suspension point; see
     * {@link Generator#close()}. Closing a coroutine that never started marks it awaited.
     */
    @SuppressWarnings("unchecked")
    public T close() {
        markAwaited();
        return (T) frame().close();
    }

    /** The state, as {@code inspect.getcoroutinestate} reports it (CORO_CREATED, ...). */
    public GeneratorState state() {
        return switch (inlineState) {
            case INLINE_CREATED -> GeneratorState.CREATED;
            case INLINE_DONE -> GeneratorState.CLOSED;
            default -> GeneratorState.valueOf(((Frame) frame).state().name()); // ours, or our host's
        };
    }

    /** {@code cr_await}: what the coroutine is suspended on (a coroutine, a generator, an iterator), or null. */
    public Object awaiting() {
        return frame().delegate();
    }

    /**
     * Where the coroutine is suspended: the stack of its continuation, innermost call first (empty when
     * it is not suspended). Includes aiobridge's own frames; {@code Task.getStack()} filters them.
     */
    public StackTraceElement[] suspendedStack() {
        return frame().suspendedStack();
    }

    /** The result, once the body has returned. */
    @SuppressWarnings("unchecked")
    public T result() {
        if (!frame().hasReturned()) {
            throw new IllegalStateException("the coroutine has not returned (it is " + frame().state() + ")");
        }
        return (T) frame().returnValue();
    }

    /**
     * Python's {@code coro.__await__()} (CPython's {@code coroutine_wrapper}): an iterator that drives this
     * coroutine, yielding what it yields and returning its result. It is a plain generator, so any
     * generator may {@code yieldFrom} it, and a coroutine may await it. Awaiting a coroutine does not need
     * it (it delegates to the coroutine directly).
     */
    @Override
    public Generator<Object, Object, T> awaitGenerator() {
        markAwaited();
        Frame inner = frame();
        Frame wrapper = new Frame(Frame.Kind.GENERATOR, self -> self.yieldFrom(inner));
        wrapper.markIterableCoroutine();
        return GeneratorAccess.wrap(wrapper);
    }

    static {
        Secrets.install((Secrets.CoroutineStep) (coroutine, value, thrown) -> ((Coroutine<?>) coroutine).step(value, thrown));
    }

    /**
     * Non-throwing drive for tasks: resumes with {@code value} or raises {@code thrown}; returns the yielded
     * object, or a {@link Frame.Finished} when the body ended (reached by tasks through {@link Secrets}).
     */
    private Object step(Object value, Throwable thrown) {
        markAwaited();
        String reuseMessage = reuseMessage();
        if (reuseMessage != null && state() == GeneratorState.CLOSED) {
            return new Frame.Finished(null, new RuntimeError(reuseMessage));
        }
        return frame().resume(value, thrown);
    }

    private void markAwaited() {
        if (extra instanceof Extras e && e.tracker != null) {
            e.tracker.awaited();
        }
    }

    /** The frame behind this coroutine, made on first need for an inline coroutine. */
    @SuppressWarnings("unchecked")
    Frame frame() {
        byte st = inlineState;
        if (st == OWN_FRAME) {
            return (Frame) frame;
        }
        InlineAwaitable<T> body = st == INLINE_CREATED ? (InlineAwaitable<T>) frame : null;
        Frame f = new Frame(Frame.Kind.COROUTINE, new InlineScope<>(body));
        f.setOwner(this);
        frame = f;
        inlineState = OWN_FRAME;
        if (body == null) {
            f.close(); // already awaited inline: it is finished
        }
        return f;
    }

    /**
     * Awaits this coroutine from {@code awaiter}'s frame: inline coroutines run their body right there;
     * others are delegated to ({@code yield from}), inline if they have not started.
     */
    @SuppressWarnings("unchecked")
    Object awaitFrom(Frame host, Yielder<Object, Object> hostScope) throws Throwable {
        markAwaited();
        if (inlineState == INLINE_CREATED) {
            InlineAwaitable<T> body = (InlineAwaitable<T>) frame;
            inlineState = INLINE_RUNNING;
            frame = host;
            try {
                return body.awaitInline(hostScope);
            } finally {
                if (inlineState == INLINE_RUNNING) { // else it got a (closed) frame of its own meanwhile
                    inlineState = INLINE_DONE;
                    frame = null;
                }
            }
        }
        refuseReuse();
        return host.yieldFrom(frame());
    }

    /** genobject.c: an asend/athrow awaitable that already ran refuses send, throw and a second await. */
    private void refuseReuse() {
        String reuseMessage = reuseMessage();
        if (reuseMessage != null && state() == GeneratorState.CLOSED) {
            throw new RuntimeError(reuseMessage);
        }
    }

    @Override
    public String toString() {
        return "<coroutine " + name() + " " + state() + ">";
    }

    private Object unwrap(Object out) {
        markAwaited();
        if (out instanceof Frame.Finished end) {
            if (end.error() != null) {
                throw Rethrow.unchecked(end.error());
            }
            throw new StopIteration(end.value());
        }
        return out;
    }

    /** The frame body of an inline coroutine driven directly: its await-generator body on its own frame. */
    private static final class InlineScope<T> extends FrameAwaiter implements Frame.Body {
        private final InlineAwaitable<T> body;
        private final RawYield raw = new RawYield(this);

        InlineScope(InlineAwaitable<T> body) {
            this.body = body;
        }

        @Override
        Yielder<Object, Object> rawYield() {
            return raw;
        }

        @Override
        public Object run(Frame self) throws Throwable {
            frame = self;
            return body.awaitInline(raw);
        }
    }

    /**
     * A coroutine's frame, which is also its await scope and holds the user's code: one object per
     * coroutine for the three (the user's code runs with this as its {@link Awaiter}).
     */
    private static final class Scope extends Frame implements Awaiter, Yielder<Object, Object> {

        /** The code is a {@link VoidBody}, or a {@link Coroutine.Body} that is not one. */
        Scope(Coroutine.Body<?> body, VoidBody voidBody) {
            super(Frame.Kind.COROUTINE, voidBody != null ? voidBody
                    : body instanceof VoidBody ? (Coroutine.Body<?>) a -> body.run(a) // both: run as a Body
                    : body);
        }

        @Override
        public <R> R await(Awaitable<R> awaitable) {
            return FrameAwaiter.await(this, this, awaitable);
        }

        @Override
        public Object yield(Object value) {
            return yieldValue(value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R yieldFrom(Generator<? extends Object, ? super Object, R> sub) {
            return (R) yieldFrom(GeneratorAccess.frameOf(sub));
        }

        @Override
        public void yieldFrom(Iterable<? extends Object> items) {
            yieldFrom(items.iterator());
        }

        @Override
        protected Object runCode(Object code) throws Throwable {
            if (code instanceof VoidBody v) {
                v.run(this);
                return null;
            }
            return ((Coroutine.Body<?>) code).run(this);
        }
    }
}
