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
import java.util.Objects;

/**
 * The one suspendable frame behind every generator, coroutine and async generator: CPython's
 * {@code genobject.c} protocol (PEP 342 send/throw/close, PEP 380 delegation, PEP 479) over a
 * {@link dev.aiobridge.internal.engine.Fiber}. The public types are thin facades over it.
 *
 * <p>Invariants.
 * <ul>
 *   <li>{@code status} goes CREATED &rarr; STARTED &rarr; FINISHED (or CREATED &rarr; FINISHED), by CAS.</li>
 *   <li>A started frame runs on a stack: its own (a <em>root</em> frame, one fiber, whose fields hold the
 *       stack's state: no object between the frame and its fiber) or, when it was delegated to before it
 *       started, its delegator's (an <em>inline</em> frame whose body is a plain call on the delegator's
 *       stack; its {@code link} is the root). So a value crosses one fiber switch whatever the delegation
 *       depth.</li>
 *   <li>The root's {@code busy} is the only guard: a drive of any frame of a stack CASes it 0&rarr;1 first,
 *       so re-entrance, from the body itself or from another thread, is a clear error and never corruption.</li>
 *   <li>The innermost frame of a stack (the one whose yield is pending, or that is running) is the one
 *       with no inline delegate: every frame above it delegates to the next, inline on the same stack. Only
 *       it may yield.</li>
 *   <li>A frame is RUNNING when its stack is busy and the drive started at it or at one of its
 *       delegators (the root's {@code driven}); so states of inline frames cost nothing per value.</li>
 * </ul>
 */
public class Frame implements Runnable {

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

    // Bytes: with the flags below and the depth they fill the object's first word after its header.
    private static final byte CREATED = 0;
    private static final byte STARTED = 1;
    private static final byte FINISHED = 2;

    // What the last switch carried in value: out of the fiber (yield, return, raise), into it (send, throw).
    static final byte YIELDED = 0;
    static final byte RETURNED = 1;
    static final byte RAISED = 2;
    static final byte SENT = 3;
    static final byte THROWN = 4;

    /** Levels of delegation one chain may reach (CPython's recursion limit; see {@link RecursionError}). */
    static final int RECURSION_LIMIT = Integer.getInteger(RecursionError.LIMIT_PROPERTY, 1000);
    /**
     * Inline delegation stacks at most this many levels on one native stack: each further segment starts
     * on a fresh virtual thread's stack, so every level up to the limit fits at the default stack size.
     */
    private static final int SEGMENT = 128;

    private static final Kind[] KINDS = Kind.values();

    private static final VarHandle STATUS;
    private static final VarHandle BUSY;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATUS = lookup.findVarHandle(Frame.class, "status", byte.class);
            BUSY = lookup.findVarHandle(Frame.class, "busy", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // --- The frame's own state.

    /** The {@link Kind}'s ordinal (a byte, not a reference: it packs with the flags). */
    private final byte kind;
    private volatile byte status;
    /** A close() is passing down through this delegator: when its inline sub ends, GeneratorExit is its turn. */
    private boolean closeCascade;
    /**
     * CPython's CO_ITERABLE_COROUTINE: a generator that may {@code yield from} a coroutine (one marked by
     * {@code types.coroutine}, or the iterator a coroutine's {@code __await__} returns).
     */
    private boolean iterableCoroutine;
    private boolean returned;
    /** Levels of delegation above this frame on its chain: 0 unless it was started by a yield from. */
    private int depth;
    /**
     * The code until the frame starts (then only its running call holds it); while it runs, what its
     * {@code yield from} is delegating to, if anything (a Frame or an Iterator: gi_yieldfrom); once it
     * finished, what the body returned, if it returned. One field for the three: a frame needs its code
     * only before its start, a delegate only while it runs, its return value only after its end; the
     * status tells which it holds.
     */
    private Object body;
    /**
     * The stack this frame runs on, once started: a root frame's own fiber (what
     * {@link Engine#newFiberObject} made: a Fiber, or the jdk engine's bare continuation), or, for an inline
     * frame, the root frame whose stack it borrows (a Frame). Null before the start. One field for the two:
     * a root needs no root, an inline frame no fiber.
     */
    private Object link;
    /**
     * An inline frame's delegator (a Frame) while it runs; a root frame's fast consumer of its yields (a
     * {@link YieldSink}), or null. One field for the two: a root has no delegator, and a sink has no use on a
     * borrowed stack.
     */
    private Object up;
    /** The public object this frame is the engine of (for introspection). */
    private Object owner;

    // --- The state of the stack: used on root frames only (an inline frame uses its root's).

    /** The only guard: a drive of any frame of the stack CASes it 0 to 1 first. */
    private volatile byte busy;
    /** What {@link #value} carries: YIELDED, RETURNED or RAISED out of the fiber, SENT or THROWN into it. */
    private byte outcome;
    /** The frame whose send/throw/close is in progress. */
    private Frame driven;
    /** Sent or thrown in; yielded, returned or raised out (see {@link #outcome}). */
    private Object value;

    /** A frame in state CREATED that will run {@code body} on the current engine. */
    public Frame(Kind kind, Body body) {
        this(kind, (Object) Objects.requireNonNull(body, "body"));
    }

    /**
     * A frame in state CREATED whose code is {@code code}, which the subclass runs in {@link #runCode}: a
     * coroutine's frame is also its await scope and holds the user's code itself, one object for the three.
     */
    protected Frame(Kind kind, Object code) {
        Engine.current(); // no engine: the error now, not at the first resume
        this.kind = (byte) kind.ordinal();
        this.body = code;
    }

    /**
     * Runs the code given at construction, when it is not a {@link Body} (which the frame runs itself,
     * with itself as scope).
     */
    protected Object runCode(Object code) throws Throwable {
        return ((Body) code).run(this);
    }

    /*
     * START: the body starts with "Object code = body; body = null;" (from then on only its running call
     * holds the code) and calls a Body directly, written out where it starts rather than in a method of its
     * own: each call level between the fiber's entry and the user's code counts against C2's inlining depth,
     * and a generator Flux's consumer, at the bottom of it, must still inline (else its items are boxed).
     */

    /** The kind of this frame. */
    public Kind kind() {
        return KINDS[kind];
    }

    private String label() {
        return KINDS[kind].label;
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

    /** The root frame of the stack this frame runs on: itself unless it runs inline on a delegator's. */
    private Frame root() {
        return link instanceof Frame r ? r : this;
    }

    /** The delegator this inline frame runs under, or null. */
    private Frame parent() {
        return up instanceof Frame p ? p : null;
    }

    /** What this frame's {@code yield from} is delegating to while it runs: a Frame, an Iterator, or null. */
    private Object delegating() {
        return status == STARTED ? body : null;
    }

    /** The sub this frame delegates to inline, on the stack of root {@code r}, or null. */
    private Frame inlineSub(Frame r) {
        return delegating() instanceof Frame d && d.link == r ? d : null;
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
                Object l = link;
                Frame r = l instanceof Frame f ? f : this;
                if (l == null || !BUSY.compareAndSet(r, (byte) 0, (byte) 1)) {
                    throw alreadyExecuting();
                }
                try {
                    if (status != STARTED) {
                        return resumeFinished(thrown);
                    }
                    return drive(r, value, thrown, false, sink);
                } finally {
                    r.busy = 0; // see LEAVE
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
                    up = null; // a yield sink set before the start
                    return new Finished(null, thrown);
                }
            } else if (value != null) {
                throw new TypeError("can't send non-None value to a just-started " + label());
            } else if (STATUS.compareAndSet(this, CREATED, STARTED)) {
                busy = 1;
                try {
                    // A frame with a depth starts a new segment of a deep chain: on a fresh stack (see SEGMENT).
                    link = (depth == 0 ? Engine.current() : Engine.threads()).newFiberObject(this);
                } catch (Throwable failed) {
                    busy = 0;
                    status = CREATED; // e.g. a stack overflow: nothing ran, the frame can still start
                    throw failed;
                }
                try {
                    return drive(this, null, null, false, sink);
                } finally {
                    busy = 0; // see LEAVE
                }
            }
        }
    }

    private Object resumeFinished(Throwable thrown) {
        if (kind == Kind.COROUTINE.ordinal()) {
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
                    up = null; // a yield sink set before the start
                    return null;
                }
                continue;
            }
            Object l = link;
            Frame r = l instanceof Frame f ? f : this;
            if (l == null || !BUSY.compareAndSet(r, (byte) 0, (byte) 1)) {
                throw alreadyExecuting();
            }
            Object out;
            try {
                if (status == FINISHED) {
                    return null;
                }
                // CPython closes the innermost delegate first, then raises GeneratorExit at each yield from on
                // the way out. Inline delegates sit on this stack: mark the delegators, the innermost gets it now.
                for (Frame f = this, sub; (sub = f.inlineSub(r)) != null; f = sub) {
                    f.closeCascade = true;
                }
                out = drive(r, null, new GeneratorExit(), true, KEEP_SINK);
            } finally {
                r.busy = 0; // see LEAVE
            }
            if (out instanceof Finished fin) {
                if (fin.error() == null) {
                    return fin.value();
                }
                if (fin.error() instanceof GeneratorExit) {
                    return null;
                }
                throw Rethrow.unchecked(fin.error());
            }
            throw new RuntimeError(label() + " ignored GeneratorExit");
        }
    }

    /*
     * LEAVE: a drive leaves its stack (busy back to 0) in a finally of its caller, with a plain volatile
     * write that calls nothing: a drive that fails anywhere, even with a stack overflow on the driver's
     * side (the engine guarantees that the body is not running then), never leaves the frame "already
     * executing" forever.
     */

    /**
     * One resume of the stack of root {@code r} (entered: busy is 1; the caller leaves it) on behalf of
     * this frame.
     */
    private Object drive(Frame r, Object in, Throwable thrown, boolean closing, YieldSink sink) {
        Object installed = null;
        if (sink != KEEP_SINK) {
            installed = r.up;
            r.up = sink;
        }
        r.driven = this;
        if (thrown != null) {
            r.value = thrown;
            r.outcome = THROWN;
        } else {
            r.value = in;
            r.outcome = SENT;
        }
        Object fiber = r.link;
        try {
            if (Fiber.isDone(fiber)) {
                // The body ended in an earlier drive, but recording its end overflowed the caller's stack
                // (the catch below met a second overflow at the very edge): end the generator now, as that
                // drive would have, instead of resuming a terminated fiber.
                throw new StackOverflowError("the generator's body ended while its caller's stack overflowed");
            }
            Fiber.resume(fiber);
        } catch (Throwable engineFailure) {
            r.outcome = RAISED;
            r.value = engineFailure;
            if (Fiber.isDone(fiber)) {
                // The body's own ending failed (a second overflow at the very edge of its stack while its
                // first error was being handled): the fiber is over, and so is the generator.
                r.value = r.endAbruptly(engineFailure);
            }
        }
        if (sink != KEEP_SINK) {
            r.up = installed;
        }
        int outcome = r.outcome;
        Object out = r.value;
        r.value = null;
        r.driven = null;
        if (closing && outcome == YIELDED) {
            for (Frame f = this; f != null && f.closeCascade; f = f.delegating() instanceof Frame d ? d : null) {
                f.closeCascade = false;
            }
        }
        if (outcome == YIELDED) {
            return out;
        }
        return outcome == RETURNED ? new Finished(out, null) : new Finished(null, (Throwable) out);
    }

    // ------------------------------------------------------------------------------------------------
    // Body side: yield, yield from

    /**
     * Suspends the body, handing {@code value} to the driver; returns what the driver sends next, or
     * raises what it throws in. Only the innermost running frame of its stack may yield, on the fiber
     * of that stack.
     */
    public Object yieldValue(Object value) {
        Frame r = checkYieldable();
        if (r.up instanceof YieldSink sink && r.driven == r && sink.offer(value)) {
            return null; // consumed on the generator's own stack: no switch
        }
        r.value = value;
        r.outcome = YIELDED;
        return suspend(r);
    }

    private Frame checkYieldable() {
        Object l = link;
        Frame r = l instanceof Frame f ? f : this;
        // The status in plain mode: it was written before this body's turn began (the switch publishes it),
        // and a volatile read at every yield kept C2 from optimizing a body's loop that yields to a sink
        // (internal iteration: 2.3 against 0.34 ns per item).
        if (l == null || (byte) STATUS.get(this) != STARTED || body instanceof Frame d && d.link == r
                || !Fiber.isCurrent(r.link)) {
            throw new IllegalStateException("yield outside the running body of its " + label()
                    + ": a yield scope works only in its own body, on its own thread of control");
        }
        return r;
    }

    /** Suspends the stack of root {@code r} (its value and outcome are set): returns what is sent in. */
    private static Object suspend(Frame r) {
        try {
            Fiber.suspend(r.link);
        } catch (IllegalStateException pinned) {
            r.value = null;
            throw pinned;
        }
        Object in = r.value;
        if (r.outcome == THROWN) {
            r.value = null;
            throw Rethrow.unchecked((Throwable) in);
        }
        return in;
    }

    /**
     * {@code yield from sub}: values, sends, throws and close pass straight through; returns what
     * {@code sub} returned. A sub that has not started runs inline, on this frame's stack.
     */
    public Object yieldFrom(Frame sub) {
        Frame r = checkYieldable();
        if (sub.kind == Kind.COROUTINE.ordinal() && kind == Kind.GENERATOR.ordinal() && !iterableCoroutine) {
            throw new TypeError("cannot 'yield from' a coroutine object in a non-coroutine generator");
        }
        if (depth >= RECURSION_LIMIT) {
            throw new RecursionError("maximum recursion depth exceeded (" + RECURSION_LIMIT + " levels of "
                    + "yield from or await; -D" + RecursionError.LIMIT_PROPERTY + " sets the limit)", null);
        }
        if ((depth + 1) % SEGMENT != 0) {
            if (sub.status == CREATED && STATUS.compareAndSet(sub, CREATED, STARTED)) {
                sub.depth = depth + 1;
                return yieldFromInline(r, sub);
            }
        } else if (sub.status == CREATED) {
            sub.depth = depth + 1; // its first resume starts it on a stack of its own
        }
        return yieldFromRemote(sub);
    }

    private Object yieldFromInline(Frame r, Frame sub) {
        sub.up = this; // a yield sink set before the start has no use on a borrowed stack
        sub.link = r;
        body = sub;
        Object result = null;
        Throwable error = null;
        try {
            Object code = sub.body; // see START
            sub.body = null;
            result = code instanceof Body b ? b.run(sub) : sub.runCode(code);
        } catch (Throwable t) {
            error = sub.pep479(t);
        }
        sub.finish(result, error);
        body = null;
        if (!drivenAtOrAbove(r)) {
            // The sub was driven directly by someone else (legal in Python): its end is that driver's
            // StopIteration. We wait at the yield from; CPython would then find the sub exhausted.
            r.outcome = error == null ? RETURNED : RAISED;
            r.value = error == null ? result : error;
            suspend(r);
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

    private boolean drivenAtOrAbove(Frame r) {
        Frame driven = r.driven;
        for (Frame f = this; f != null; f = f.parent()) {
            if (f == driven) {
                return true;
            }
        }
        return false;
    }

    /** PEP 380 for a sub that already runs elsewhere (its own fiber): forward each operation. */
    private Object yieldFromRemote(Frame sub) {
        body = sub;
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
            body = null;
        }
    }

    /**
     * {@code yield from iterable}: yields each item; a send of anything but null is an error raised here
     * (a plain iterator has no {@code send}); a throw-in or close is raised here. An iterator that is
     * {@link AutoCloseable} is closed on close, as CPython calls the delegate's {@code close}.
     */
    public Object yieldFrom(Iterator<?> items) {
        checkYieldable();
        body = items;
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
            body = null;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The end of a body

    /**
     * The fiber's body, on a root frame: the frame's body, then its end. Runs once, as its own fiber's
     * body (a frame is a Runnable only for its fiber: the frame is the fiber's target, no object between).
     */
    @Override
    public final void run() {
        Object l = link;
        if (body == null || l == null || l instanceof Frame || !Fiber.isCurrent(l)) {
            throw new IllegalStateException("a frame runs only as its own fiber's body, once");
        }
        Object result = null;
        Throwable error = null;
        Engine.fiberStarted();
        try {
            Object code = body; // see START
            body = null;
            result = code instanceof Body b ? b.run(this) : runCode(code);
        } catch (Throwable t) {
            error = pep479(t);
        } finally {
            Engine.fiberEnded();
        }
        finish(result, error);
        outcome = error == null ? RETURNED : RAISED;
        value = error == null ? result : error;
    }

    private Throwable pep479(Throwable t) {
        if (t instanceof StackOverflowError overflow) {
            return new RecursionError("maximum recursion depth exceeded (the stack overflowed)", overflow);
        }
        if (t instanceof StopIteration) {
            return new RuntimeError(label() + " raised StopIteration", t);
        }
        if (kind == Kind.ASYNC_GENERATOR.ordinal() && t instanceof dev.aiobridge.builtins.StopAsyncIteration) {
            return new RuntimeError(label() + " raised StopAsyncIteration", t);
        }
        return t;
    }

    /**
     * Ends a root frame whose fiber ended without reaching the end of {@link #run()}: returns the error
     * the generator ends with (CPython's RecursionError for an overflow, when there is stack enough to
     * make one).
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
        }
        return error;
    }

    private void finish(Object result, Throwable error) {
        if (error == null) {
            returned = true;
        }
        body = error == null ? result : null; // the slot keeps the return value
        status = FINISHED;
        if (up instanceof Frame) {
            up = null; // an inline frame leaves its delegator (a root keeps its sink: the driver restores it)
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Introspection

    /**
     * Installs (or, with null, removes) a fast consumer of this root frame's yields; call it before the
     * first resume or while the frame is suspended, from its driver.
     */
    public void setYieldSink(YieldSink sink) {
        if (up instanceof Frame) {
            throw new IllegalStateException("a yield sink goes on a root generator");
        }
        if (!(link instanceof Frame)) { // an inline frame that ended: a sink has no use on a borrowed stack
            up = sink;
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
        Object l = link;
        if (l == null) {
            return State.RUNNING;
        }
        Frame r = root();
        if (r.busy != 0 && drivenAtOrAbove(r)) {
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
        Object d = delegating();
        // Started but its body not yet running (its first resume failed before it): the slot still holds its code.
        return d instanceof Frame f ? f.owner : d instanceof Iterator<?> ? d : null;
    }

    /**
     * The stack of the continuation this frame runs on, while it is suspended (innermost call first);
     * empty when it is not started, running or finished.
     */
    public StackTraceElement[] suspendedStack() {
        Frame r = root();
        if (status != STARTED || link == null || r.busy != 0) {
            return new StackTraceElement[0];
        }
        return Fiber.stackTrace(r.link);
    }

    private ValueError alreadyExecuting() {
        return new ValueError(label() + " already executing");
    }

    @Override
    public String toString() {
        return label() + "[" + state() + "]";
    }

}
