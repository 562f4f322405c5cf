package dev.aiobridge.coroutine;

import dev.aiobridge.builtins.StopAsyncIteration;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.builtins.GeneratorExit;
import dev.aiobridge.generator.GeneratorState;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.Yielder;
import dev.aiobridge.internal.engine.LoopHooks;
import dev.aiobridge.internal.engine.Strand;
import dev.aiobridge.internal.gen.Frame;
import java.util.Objects;

/**
 * An async generator (PEP 525): a body that both awaits and yields. Each {@link #asend}, {@link #athrow}
 * and {@link #aclose} is an awaitable: awaiting it runs the body until its next yield (whose value is
 * the result), passing every future the body awaits on to the task, so other tasks run meanwhile.
 * Inside a coroutine, {@code for (var x : a.iterate(agen))} is {@code async for x in agen}.
 *
 * <pre>{@code
 * AsyncGenerator<Integer> ticker = AsyncGenerator.of(g -> {
 *     for (int i = 0; i < 3; i++) {
 *         g.await(AsyncIO.sleep(0.1));
 *         g.yield(i);
 *     }
 * });
 * for (int i : a.iterate(ticker)) { ... }
 * }</pre>
 *
 * <p>The rules are CPython's: the first {@code asend} must send null; the end is
 * {@link StopAsyncIteration}; {@code aclose} raises {@link GeneratorExit} at the yield, the body's
 * finally blocks may await, and yielding instead is "async generator ignored GeneratorExit"; one
 * operation at a time ("anext(): asynchronous generator is already running"). The running loop tracks
 * every async generator that started, and {@code AsyncIO.run} closes those still suspended at the end
 * ({@code shutdown_asyncgens}).
 *
 * @param <Y> the type of the yielded values
 */
public final class AsyncGenerator<Y> implements AsyncIterator<Y> {

    /** An async generator's code. */
    @FunctionalInterface
    public interface Body<Y> {
        /** Runs the body with its scope. */
        void run(AsyncYielder<Y> g) throws Throwable;
    }

    /** A yielded value, told apart from the futures the body awaits (CPython's wrapped value). */
    private record Wrapped(Object value) {
    }

    private enum Mode { SEND, THROW, CLOSE }

    /** genobject.c's messages for awaiting an asend/anext, or an athrow/aclose, awaitable twice. */
    private static final String ASEND_REUSED = "cannot reuse already awaited __anext__()/asend()";
    private static final String ATHROW_REUSED = "cannot reuse already awaited aclose()/athrow()";

    private final Frame frame;
    private boolean runningAsync;
    private boolean hooksInitialized;
    private boolean closed;

    private AsyncGenerator(Body<Y> body) {
        this.frame = new Frame(Frame.Kind.ASYNC_GENERATOR, new Scope<>(body));
        frame.setOwner(this);
    }

    /** A new async generator: nothing of {@code body} runs before the first {@code anext}/{@code asend}. */
    public static <Y> AsyncGenerator<Y> of(Body<Y> body) {
        return new AsyncGenerator<>(Objects.requireNonNull(body, "body"));
    }

    /** {@code agen.__anext__()}: the next value; raises {@link StopAsyncIteration} at the end. */
    @Override
    public Coroutine<Y> anext() {
        return asend(null);
    }

    /** {@code anext(agen, default)}: the next value, or {@code defaultValue} at the end. */
    public Coroutine<Y> anext(Y defaultValue) {
        return Coroutine.inline("anext", new Op(Mode.SEND, null, null, defaultValue, true), ASEND_REUSED);
    }

    /** {@code agen.asend(value)}: resumes the body with {@code value}; the next yielded value. */
    public Coroutine<Y> asend(Object value) {
        return Coroutine.inline("asend", new Op(Mode.SEND, value, null, null, false), ASEND_REUSED);
    }

    /** {@code agen.athrow(exception)}: raises it at the yield; the next yielded value if the body goes on. */
    public Coroutine<Y> athrow(Throwable exception) {
        return Coroutine.inline("athrow", new Op(Mode.THROW, null, Objects.requireNonNull(exception), null, false),
                ATHROW_REUSED);
    }

    /**
     * {@code agen.aclose()}: raises {@link GeneratorExit} at the yield and runs the body to its end (its
     * finally blocks may await). Nothing runs for a generator that never started; closing twice is fine.
     */
    public Coroutine<Void> aclose() {
        return Coroutine.inline("aclose", new CloseOp(), ATHROW_REUSED);
    }

    /** The state, as {@code inspect.getasyncgenstate} reports it. */
    public GeneratorState state() {
        return GeneratorState.valueOf(frame.state().name());
    }

    /** {@code ag_running}: true while an operation is in progress. */
    public boolean isRunning() {
        return runningAsync;
    }

    /** {@code ag_await}: what the body awaits right now, or null. */
    public Object awaiting() {
        return frame.delegate();
    }

    /** True once the body ended or the generator was closed. */
    public boolean isFinished() {
        return frame.state() == Frame.State.CLOSED;
    }

    @Override
    public String toString() {
        return "<async_generator " + frame.state() + ">";
    }

    /** One asend/athrow/aclose, run on the awaiting coroutine's frame: forward awaits, stop at a yield. */
    @SuppressWarnings("unchecked")
    private Object drive(Yielder<Object, Object> scope, Mode mode, Object send, Throwable thrown) throws Throwable {
        if (runningAsync) {
            throw new RuntimeError((mode == Mode.SEND ? "anext(): " : "athrow(): ")
                    + "asynchronous generator is already running");
        }
        initHooks();
        if (closed && frame.state() == Frame.State.CLOSED) {
            if (mode == Mode.CLOSE) {
                return null;
            }
            throw new StopAsyncIteration();
        }
        if (mode == Mode.CLOSE) {
            closed = true;
        }
        runningAsync = true;
        try {
            Object sent = send;
            Throwable toThrow = thrown;
            while (true) {
                Object out = frame.resume(sent, toThrow);
                if (out instanceof Wrapped w) {
                    if (mode == Mode.CLOSE) {
                        throw new RuntimeError("async generator ignored GeneratorExit");
                    }
                    return w.value();
                }
                if (out instanceof Frame.Finished end) {
                    Throwable error = end.error();
                    if (mode == Mode.CLOSE) {
                        if (error == null || error instanceof GeneratorExit || error instanceof StopAsyncIteration) {
                            return null;
                        }
                        throw error;
                    }
                    if (error != null) {
                        throw error;
                    }
                    throw new StopAsyncIteration();
                }
                // The body awaits something: our task must wait for it, then we resume the body.
                sent = null;
                toThrow = null;
                try {
                    sent = scope.yield(out);
                } catch (Throwable t) {
                    toThrow = t;
                }
            }
        } finally {
            runningAsync = false;
        }
    }

    private void initHooks() {
        if (!hooksInitialized) {
            hooksInitialized = true;
            LoopHooks hooks = Strand.current().loopHooks;
            if (hooks != null) {
                hooks.firstIter(this);
            }
        }
    }

    /** An asend/anext/athrow awaitable. */
    private final class Op implements InlineAwaitable<Y> {
        private final Mode mode;
        private final Object send;
        private final Throwable thrown;
        private final Y defaultValue;
        private final boolean hasDefault;

        Op(Mode mode, Object send, Throwable thrown, Y defaultValue, boolean hasDefault) {
            this.mode = mode;
            this.send = send;
            this.thrown = thrown;
            this.defaultValue = defaultValue;
            this.hasDefault = hasDefault;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Y awaitInline(Yielder<Object, Object> scope) throws Throwable {
            try {
                return (Y) drive(scope, mode, send, thrown);
            } catch (StopAsyncIteration end) {
                if (hasDefault) {
                    return defaultValue;
                }
                throw end;
            }
        }

        @Override
        public Generator<Object, Object, Y> awaitGenerator() {
            return Generator.of(this::awaitInline);
        }
    }

    /** The aclose awaitable. */
    private final class CloseOp implements InlineAwaitable<Void> {
        @Override
        public Void awaitInline(Yielder<Object, Object> scope) throws Throwable {
            drive(scope, Mode.CLOSE, null, new GeneratorExit());
            return null;
        }

        @Override
        public Generator<Object, Object, Void> awaitGenerator() {
            return Generator.of(this::awaitInline);
        }
    }

    /** The body's scope: await as a coroutine does, yield a wrapped value. */
    private static final class Scope<Y> extends FrameAwaiter implements Frame.Body, AsyncYielder<Y> {
        private final Body<Y> body;
        private final RawYield raw = new RawYield(this);

        Scope(Body<Y> body) {
            this.body = body;
        }

        @Override
        Yielder<Object, Object> rawYield() {
            return raw;
        }

        @Override
        public Object run(Frame self) throws Throwable {
            frame = self;
            body.run(this);
            return null;
        }

        @Override
        public Object yield(Y value) {
            return frame.yieldValue(new Wrapped(value));
        }
    }
}
