package dev.aiobridge.internal.gen;

import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.builtins.TypeError;
import dev.aiobridge.builtins.GeneratorExit;
import dev.aiobridge.builtins.StopIteration;
import dev.aiobridge.builtins.RecursionError;
import dev.aiobridge.internal.engine.Engine;
import dev.aiobridge.internal.engine.Fiber;
import dev.aiobridge.internal.engine.Rethrow;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;

/**
 * The one suspendable frame behind every generator, coroutine and async generator: CPython's
 * {@code genobject.c} protocol (PEP 342 send/throw/close, PEP 380 delegation, PEP 479) over a
 * {@link dev.aiobridge.internal.engine.Fiber}. The public types are thin facades over it.
 *
 * <p>Invariants.
 * <ul>
 *   <li>{@code status} goes CREATED &rarr; STARTED &rarr; FINISHED (or CREATED &rarr; FINISHED), by CAS.</li>
 *   <li>A started frame runs on a {@link Stack}: its own (a <em>root</em> frame, one fiber) or, when it was
 *       delegated to before it started, its delegator's ({@code parent != null}, an <em>inline</em> frame whose
 *       body is a plain call on the delegator's stack). So a value crosses one fiber switch whatever the
 *       delegation depth.</li>
 *   <li>{@code stack.busy} is the only guard: a drive of any frame of a stack CASes it 0&rarr;1 first, so
 *       re-entrance, from the body itself or from another thread, is a clear error and never corruption.</li>
 *   <li>{@code stack.active} is the innermost frame of the stack: the one whose yield is pending (or that
 *       is running). Only it may yield.</li>
 *   <li>A frame is RUNNING when its stack is busy and the drive started at it or at one of its
 *       delegators ({@code stack.driven}); so states of inline frames cost nothing per value.</li>
 * </ul>
 */
public class Frame {

    /** What kind of object a frame is: the word CPython's messages use. */
    public enum Kind {
        /** A generator ({@code def} with {@code yield}). */
        GENERATOR("generator"),
        /** A native coroutine ({@code async def}). */
        COROUTINE("coroutine"),
        /** An async generator ({@code async def} with {@code yield}). */
        ASYNC_GENERATOR("async generator");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The word in messages: "generator", "coroutine", "async generator". */
        public String label() {
            return label;
        }
    }

    /** The code of a frame: receives the frame itself as its yield scope. */
    @FunctionalInterface
    public interface Body {
        /** Runs the body; its return value becomes the frame's return value. */
        Object run(Frame self) throws Throwable;
    }

    /**
     * What a drive returns when the driven frame ended instead of yielding: its return value, or the
     * exception it raised. Yielded values are returned as they are, so a drive costs no allocation.
     */
    public record Finished(Object value, Throwable error) {
    }

    // A byte: with the flags below it fits in one word of the object.
    private static final byte CREATED = 0;
    private static final byte STARTED = 1;
    private static final byte FINISHED = 2;

    static final int YIELDED = 0;
    static final int RETURNED = 1;
    static final int RAISED = 2;

    /** Levels of delegation one chain may reach (CPython's recursion limit; see {@link RecursionError}). */
    static final int RECURSION_LIMIT = Integer.getInteger(RecursionError.LIMIT_PROPERTY, 1000);
    /**
     * Inline delegation stacks at most this many levels on one native stack: each further segment starts
     * on a fresh virtual thread's stack, so every level up to the limit fits at the default stack size.
     */
    private static final int SEGMENT = 128;

    private static final VarHandle STATUS;
    private static final VarHandle BUSY;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATUS = lookup.findVarHandle(Frame.class, "status", byte.class);
            BUSY = lookup.findVarHandle(Stack.class, "busy", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Kind kind;
    /**
     * The {@link Body} until the frame finishes; then what the body returned, if it returned (one field
     * for the two: a frame needs its code only before its end and its return value only after).
     */
    private Object body;
    private volatile byte status;
    private Stack stack;
    /** The delegator whose stack this frame runs on inline, while it runs; else null. */
    private Frame parent;
    /**
     * What this frame's {@code yield from} is delegating to: a Frame or an Iterator (gi_yieldfrom). Before
     * the frame starts: the yield sink set for its stack, if any (one field for the two).
     */
    private Object delegate;
    /** A close() is passing down through this delegator: when its inline sub ends, GeneratorExit is its turn. */
    private boolean closeCascade;
    /**
     * CPython's CO_ITERABLE_COROUTINE: a generator that may {@code yield from} a coroutine (one marked by
     * {@code types.coroutine}, or the iterator a coroutine's {@code __await__} returns).
     */
    private boolean iterableCoroutine;
    /** The public object this frame is the engine of (for introspection). */
    private Object owner;
    private boolean returned;
    /** Levels of delegation above this frame on its chain: 0 unless it was started by a yield from. */
    private int depth;

    /** A frame in state CREATED that will run {@code body} on the current engine. */
    public Frame(Kind kind, Body body) {
        Engine.current(); // no engine: the error now, not at the first resume
        this.kind = kind;
        this.body = body;
    }

    /**
     * A frame in state CREATED that is its own body (a subclass that implements {@link Body}): a
     * coroutine's await scope is its frame, one object instead of two.
     */
    protected Frame(Kind kind) {
        Engine.current();
        this.kind = kind;
        this.body = this;
    }

    /** Called when a frame that is its own body ends without having run: drop the code it holds. */
    protected void bodyDropped() {
    }

    /** The kind of this frame. */
    public Kind kind() {
        return kind;
    }

    /** Marks this generator frame as a generator-based coroutine: it may {@code yield from} a coroutine. */
    public void markIterableCoroutine() {
        iterableCoroutine = true;
    }

    /** Sets the public object this frame is the engine of. */
    public void setOwner(Object owner) {
        this.owner = owner;
    }

    /** The public object this frame is the engine of. */
    public Object owner() {
        return owner;
    }

    // ------------------------------------------------------------------------------------------------
    // Driver side: send, throw, close

    /**
     * Resumes this frame with {@code value} (send; null is next) or raises {@code thrown} at its
     * suspension point (throw). Returns the next yielded value, or a {@link Finished} when the frame
     * ended. The rules of CPython's {@code gen_send_ex}/{@code _gen_throw}.
     */
    public Object resume(Object value, Throwable thrown) {
        return resume(value, thrown, KEEP_SINK);
    }

    /**
     * {@code next()} with {@code sink} as the fast consumer of the root's yields for this one drive (the
     * installed sink, if any, is back afterwards): a consumer that takes every value runs the whole body
     * in one drive, on the generator's own stack (internal iteration: {@code forEach}, streams).
     */
    public Object nextWithSink(YieldSink sink) {
        return resume(null, null, sink);
    }

    /** The sink argument of a drive that keeps the installed sink. */
    private static final YieldSink KEEP_SINK = value -> false;

    private Object resume(Object value, Throwable thrown, YieldSink sink) {
        while (true) {
            int st = status;
            if (st == STARTED) {
                Stack s = stack;
                if (s == null || !BUSY.compareAndSet(s, 0, 1)) {
                    throw alreadyExecuting();
                }
                try {
                    if (status != STARTED) {
                        return resumeFinished(thrown);
                    }
                    return drive(s, value, thrown, false, sink);
                } finally {
                    s.busy = 0; // see LEAVE
                }
            }
            if (st == FINISHED) {
                return resumeFinished(thrown);
            }
            // CREATED
            if (thrown != null) {
                // Raised at the very start: no handler of the body is active yet, so nothing runs.
                if (STATUS.compareAndSet(this, CREATED, FINISHED)) {
                    body = null;
                    delegate = null; // a yield sink set before the start
                    bodyDropped();
                    return new Finished(null, thrown);
                }
            } else if (value != null) {
                throw new TypeError("can't send non-None value to a just-started " + kind.label);
            } else if (STATUS.compareAndSet(this, CREATED, STARTED)) {
                Stack s;
                try {
                    s = new Stack(this);
                    s.busy = 1;
                    // A frame with a depth starts a new segment of a deep chain: on a fresh stack (see SEGMENT).
                    s.fiber = (depth == 0 ? Engine.current() : Engine.threads()).newFiberObject(s);
                } catch (Throwable failed) {
                    status = CREATED; // e.g. a stack overflow: nothing ran, the frame can still start
                    throw failed;
                }
                s.sink = (YieldSink) delegate; // a sink set before the start, or null
                delegate = null;
                stack = s;
                try {
                    return drive(s, null, null, false, sink);
                } finally {
                    s.busy = 0; // see LEAVE
                }
            }
        }
    }

    private Object resumeFinished(Throwable thrown) {
        if (kind == Kind.COROUTINE) {
            return new Finished(null, new RuntimeError("cannot reuse already awaited coroutine"));
        }
        return new Finished(null, thrown);
    }

    /**
     * Raises {@link GeneratorExit} at the suspension point, after closing what this frame delegates to.
     * Returns the frame's return value when it returned in response (Python 3.13), else null; a frame that
     * yields instead is left suspended and this raises "generator ignored GeneratorExit".
     */
    public Object close() {
        while (true) {
            int st = status;
            if (st == FINISHED) {
                return null;
            }
            if (st == CREATED) {
                if (STATUS.compareAndSet(this, CREATED, FINISHED)) {
                    body = null;
                    delegate = null; // a yield sink set before the start
                    bodyDropped();
                    return null;
                }
                continue;
            }
            Stack s = stack;
            if (s == null || !BUSY.compareAndSet(s, 0, 1)) {
                throw alreadyExecuting();
            }
            Object r;
            try {
                if (status == FINISHED) {
                    return null;
                }
                // CPython closes the innermost delegate first, then raises GeneratorExit at each yield from on
                // the way out. Inline delegates sit on this stack: mark the delegators, the innermost gets it now.
                for (Frame f = this; f != s.active; f = (Frame) f.delegate) {
                    f.closeCascade = true;
                }
                r = drive(s, null, new GeneratorExit(), true, KEEP_SINK);
            } finally {
                s.busy = 0; // see LEAVE
            }
            if (r instanceof Finished fin) {
                if (fin.error() == null) {
                    return fin.value();
                }
                if (fin.error() instanceof GeneratorExit) {
                    return null;
                }
                throw Rethrow.unchecked(fin.error());
            }
            throw new RuntimeError(kind.label + " ignored GeneratorExit");
        }
    }

    /*
     * LEAVE: a drive leaves its stack (busy back to 0) in a finally of its caller, with a plain volatile
     * write that calls nothing: a drive that fails anywhere, even with a stack overflow on the driver's
     * side (the engine guarantees that the body is not running then), never leaves the frame "already
     * executing" forever.
     */

    /** One resume of the stack {@code s} (entered: busy is 1; the caller leaves it) on behalf of this frame. */
    private Object drive(Stack s, Object value, Throwable thrown, boolean closing, YieldSink sink) {
        YieldSink installed = null;
        if (sink != KEEP_SINK) {
            installed = s.sink;
            s.sink = sink;
        }
        s.driven = this;
        s.value = value;
        s.error = thrown;
        try {
            if (Fiber.isDone(s.fiber)) {
                // The body ended in an earlier drive, but recording its end overflowed the caller's stack
                // (the catch below met a second overflow at the very edge): end the generator now, as that
                // drive would have, instead of resuming a terminated fiber.
                throw new StackOverflowError("the generator's body ended while its caller's stack overflowed");
            }
            Fiber.resume(s.fiber);
        } catch (Throwable engineFailure) {
            s.outcome = RAISED;
            s.error = engineFailure;
            if (Fiber.isDone(s.fiber)) {
                // The body's own ending failed (a second overflow at the very edge of its stack while its
                // first error was being handled): the fiber is over, and so is the generator.
                s.error = s.root.endAbruptly(engineFailure);
            }
        }
        if (sink != KEEP_SINK) {
            s.sink = installed;
        }
        int outcome = s.outcome;
        Object out = s.value;
        Throwable error = s.error;
        s.value = null;
        s.error = null;
        s.driven = null;
        if (closing && outcome == YIELDED) {
            for (Frame f = this; f != null && f.closeCascade; f = f.delegate instanceof Frame d ? d : null) {
                f.closeCascade = false;
            }
        }
        if (outcome == YIELDED) {
            return out;
        }
        return new Finished(out, error);
    }

    // ------------------------------------------------------------------------------------------------
    // Body side: yield, yield from

    /**
     * Suspends the body, handing {@code value} to the driver; returns what the driver sends next, or
     * raises what it throws in. Only the innermost running frame of its stack may yield, on the fiber
     * of that stack.
     */
    public Object yieldValue(Object value) {
        Stack s = checkYieldable();
        YieldSink sink = s.sink;
        if (sink != null && s.driven == s.root && sink.offer(value)) {
            return null; // consumed on the generator's own stack: no switch
        }
        s.value = value;
        s.outcome = YIELDED;
        return suspend(s);
    }

    private Stack checkYieldable() {
        Stack s = stack;
        if (s == null || s.active != this || !Fiber.isCurrent(s.fiber)) {
            throw new IllegalStateException("yield outside the running body of its " + kind.label
                    + ": a yield scope works only in its own body, on its own thread of control");
        }
        return s;
    }

    private Object suspend(Stack s) {
        try {
            Fiber.suspend(s.fiber);
        } catch (IllegalStateException pinned) {
            s.value = null;
            throw pinned;
        }
        Throwable t = s.error;
        if (t != null) {
            s.error = null;
            throw Rethrow.unchecked(t);
        }
        return s.value;
    }

    /**
     * {@code yield from sub}: values, sends, throws and close pass straight through; returns what
     * {@code sub} returned. A sub that has not started runs inline, on this frame's stack.
     */
    public Object yieldFrom(Frame sub) {
        Stack s = checkYieldable();
        if (sub.kind == Kind.COROUTINE && kind == Kind.GENERATOR && !iterableCoroutine) {
            throw new TypeError("cannot 'yield from' a coroutine object in a non-coroutine generator");
        }
        if (depth >= RECURSION_LIMIT) {
            throw new RecursionError("maximum recursion depth exceeded (" + RECURSION_LIMIT + " levels of "
                    + "yield from or await; -D" + RecursionError.LIMIT_PROPERTY + " sets the limit)", null);
        }
        if ((depth + 1) % SEGMENT != 0) {
            if (sub.status == CREATED && STATUS.compareAndSet(sub, CREATED, STARTED)) {
                sub.depth = depth + 1;
                return yieldFromInline(s, sub);
            }
        } else if (sub.status == CREATED) {
            sub.depth = depth + 1; // its first resume starts it on a stack of its own
        }
        return yieldFromRemote(sub);
    }

    private Object yieldFromInline(Stack s, Frame sub) {
        sub.delegate = null; // a yield sink set before the start has no use on a borrowed stack
        sub.stack = s;
        sub.parent = this;
        delegate = sub;
        s.active = sub;
        Object result = null;
        Throwable error = null;
        try {
            result = ((Body) sub.body).run(sub);
        } catch (Throwable t) {
            error = sub.pep479(t);
        }
        sub.finish(result, error);
        s.active = this;
        delegate = null;
        if (!drivenAtOrAbove(s)) {
            // The sub was driven directly by someone else (legal in Python): its end is that driver's
            // StopIteration. We wait at the yield from; CPython would then find the sub exhausted.
            s.outcome = error == null ? RETURNED : RAISED;
            s.value = result;
            s.error = error;
            suspend(s);
            return null;
        }
        if (closeCascade) {
            closeCascade = false;
            throw Rethrow.unchecked(error == null || error instanceof GeneratorExit ? new GeneratorExit() : error);
        }
        if (error != null) {
            throw Rethrow.unchecked(error);
        }
        return result;
    }

    private boolean drivenAtOrAbove(Stack s) {
        for (Frame f = this; f != null; f = f.parent) {
            if (f == s.driven) {
                return true;
            }
        }
        return false;
    }

    /** PEP 380 for a sub that already runs elsewhere (its own fiber): forward each operation. */
    private Object yieldFromRemote(Frame sub) {
        delegate = sub;
        try {
            Object sent = null;
            Throwable toThrow = null;
            while (true) {
                Object out;
                if (toThrow == null) {
                    out = sub.resume(sent, null);
                } else if (toThrow instanceof GeneratorExit) {
                    sub.close();
                    throw toThrow;
                } else {
                    out = sub.resume(null, toThrow);
                }
                if (out instanceof Finished fin) {
                    if (fin.error() != null) {
                        throw fin.error();
                    }
                    return fin.value();
                }
                toThrow = null;
                sent = null;
                try {
                    sent = yieldValue(out);
                } catch (Throwable t) {
                    toThrow = t;
                }
            }
        } catch (Throwable t) {
            throw Rethrow.unchecked(t);
        } finally {
            delegate = null;
        }
    }

    /**
     * {@code yield from iterable}: yields each item; a send of anything but null is an error raised here
     * (a plain iterator has no {@code send}); a throw-in or close is raised here. An iterator that is
     * {@link AutoCloseable} is closed on close, as CPython calls the delegate's {@code close}.
     */
    public Object yieldFrom(Iterator<?> items) {
        checkYieldable();
        delegate = items;
        try {
            while (items.hasNext()) {
                Object sent;
                try {
                    sent = yieldValue(items.next());
                } catch (GeneratorExit exit) {
                    if (items instanceof AutoCloseable closeable) {
                        try {
                            closeable.close();
                        } catch (Exception e) {
                            throw Rethrow.unchecked(e);
                        }
                    }
                    throw exit;
                }
                if (sent != null) {
                    throw new UnsupportedOperationException(
                            "'" + items.getClass().getName() + "' object has no attribute 'send'");
                }
            }
            return null;
        } finally {
            delegate = null;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The end of a body

    private Throwable pep479(Throwable t) {
        if (t instanceof StackOverflowError overflow) {
            return new RecursionError("maximum recursion depth exceeded (the stack overflowed)", overflow);
        }
        if (t instanceof StopIteration) {
            return new RuntimeError(kind.label + " raised StopIteration", t);
        }
        if (kind == Kind.ASYNC_GENERATOR && t instanceof dev.aiobridge.builtins.StopAsyncIteration) {
            return new RuntimeError(kind.label + " raised StopAsyncIteration", t);
        }
        return t;
    }

    /**
     * Ends a root frame whose fiber ended without reaching the end of {@link Stack#run()}: returns the
     * error the generator ends with (CPython's RecursionError for an overflow, when there is stack enough
     * to make one).
     */
    private Throwable endAbruptly(Throwable failure) {
        Throwable error = failure;
        if (status != FINISHED) {
            try {
                error = pep479(failure);
            } catch (Throwable again) {
                error = failure;
            }
            finish(null, error);
            stack.active = null;
        }
        return error;
    }

    private void finish(Object result, Throwable error) {
        if (error == null) {
            returned = true;
        }
        body = error == null ? result : null; // the code is no longer needed: the slot keeps the return value
        status = FINISHED;
        parent = null;
        delegate = null;
    }

    // ------------------------------------------------------------------------------------------------
    // Introspection

    /**
     * Installs (or, with null, removes) a fast consumer of this root frame's yields; call it before the
     * first resume or while the frame is suspended, from its driver.
     */
    public void setYieldSink(YieldSink sink) {
        if (parent != null) {
            throw new IllegalStateException("a yield sink goes on a root generator");
        }
        Stack s = stack;
        if (s == null) {
            delegate = sink; // until the start (see delegate)
        } else {
            s.sink = sink;
        }
    }

    /** The states of {@code inspect.getgeneratorstate} (the public {@code GeneratorState} has the same names). */
    public enum State { CREATED, RUNNING, SUSPENDED, CLOSED }

    /** The state, as {@code inspect.getgeneratorstate} reports it. */
    public State state() {
        int st = status;
        if (st == CREATED) {
            return State.CREATED;
        }
        if (st == FINISHED) {
            return State.CLOSED;
        }
        Stack s = stack;
        if (s == null) {
            return State.RUNNING;
        }
        if (s.busy != 0 && drivenAtOrAbove(s)) {
            return State.RUNNING;
        }
        return State.SUSPENDED;
    }

    /** True once the body ended by returning (not by raising, nor closed before it started). */
    public boolean hasReturned() {
        return status == FINISHED && returned;
    }

    /** What the body returned; meaningful when {@link #hasReturned()}. */
    public Object returnValue() {
        return status == FINISHED && returned ? body : null;
    }

    /** What this frame's {@code yield from} delegates to: the owner of a frame, an Iterator, or null. */
    public Object delegate() {
        if (status == CREATED) {
            return null; // the slot holds a yield sink, if any
        }
        Object d = delegate;
        return d instanceof Frame f ? f.owner : d;
    }

    /**
     * The stack of the continuation this frame runs on, while it is suspended (innermost call first);
     * empty when it is not started, running or finished.
     */
    public StackTraceElement[] suspendedStack() {
        Stack s = stack;
        if (status != STARTED || s == null || s.busy != 0 || s.fiber == null) {
            return new StackTraceElement[0];
        }
        return Fiber.stackTrace(s.fiber);
    }

    private ValueError alreadyExecuting() {
        return new ValueError(kind.label + " already executing");
    }

    @Override
    public String toString() {
        return kind.label + "[" + state() + "]";
    }

    // ------------------------------------------------------------------------------------------------

    /** A fiber and the slots its frames exchange values through: one per root frame. */
    static final class Stack implements Runnable {
        final Frame root;
        /** What {@link Engine#newFiberObject} made: a Fiber, or the jdk engine's bare continuation. */
        Object fiber;
        volatile int busy;
        /** The frame whose send/throw/close is in progress. */
        Frame driven;
        /** The innermost frame: the one whose yield is pending or that is running. */
        Frame active;
        /** Out of the fiber: YIELDED, RETURNED or RAISED. */
        int outcome;
        /** Sent in; yielded or returned out. */
        Object value;
        /** Thrown in; raised out. */
        Throwable error;
        /** A fast consumer of the root's yields, or null. */
        YieldSink sink;

        Stack(Frame root) {
            this.root = root;
            this.active = root;
        }

        /** The fiber's body: the root frame's body, then its end. */
        @Override
        public void run() {
            Frame f = root;
            Object result = null;
            Throwable error = null;
            Engine.fiberStarted();
            try {
                result = ((Body) f.body).run(f);
            } catch (Throwable t) {
                error = f.pep479(t);
            } finally {
                Engine.fiberEnded();
            }
            f.finish(result, error);
            active = null;
            outcome = error == null ? RETURNED : RAISED;
            value = result;
            this.error = error;
        }
    }
}
