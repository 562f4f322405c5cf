package dev.aiobridge.internal.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The portable engine: each fiber's body runs on its own virtual thread, handed off strictly so that at
 * every instant exactly one of the driver and the body runs. The body's thread adopts the driver's
 * {@link Strand} at each resume.
 *
 * <p>The hand-off is one state word (whose turn, which side is parked) plus park/unpark, with four rules
 * that keep it fast and bounded:
 * <ul>
 *   <li><b>Adaptive spin.</b> A waiting side spins only while spinning pays: each fiber keeps a spin
 *       budget that doubles when the other side answered within it and halves when it did not. On a busy
 *       machine (the other side's thread waits for a core) the budget falls to zero within a few
 *       hand-offs and the hand-off is a plain park/unpark; a fixed spin would burn a whole time slice per
 *       hand-off there (the 100 &micro;s per send this replaced).</li>
 *   <li><b>No spin on virtual threads.</b> A virtual driver (a loop or a task on a virtual thread) never
 *       spins, nor does the body it drives: parking at once lets the carrier run the other side.</li>
 *   <li><b>A body earns its spin.</b> A body is a virtual thread: while it spins it holds a carrier that
 *       the other fibers' bodies need (there are as many carriers as cores). So a body starts with a short
 *       budget ({@link ThreadFiber#PROBE_SPIN}, about 1.4 &micro;s here) and spins longer only once its
 *       spins succeed (a caller sending in a loop). Started at the driver's full budget, the bodies of
 *       2,000 tasks on {@code sleep(0)}, each waiting for the loop to come round, spun about 40 &micro;s
 *       each before their budgets ran out, holding the carriers the bodies just woken needed: 10-14
 *       &micro;s per task step against 4.4-5.3 (a platform-thread loop, 2 cores, quiet).</li>
 *   <li><b>Wake only a parked side.</b> Each side announces in the state word that it is about to park;
 *       the other side unparks it only then, so a hand-off to a spinning side costs no system call.</li>
 *   <li><b>Check the stack only before a park or an unpark.</b> Parking and unparking run JDK code that
 *       needs stack; a {@link StackOverflowError} inside them, after the turn was given, could leave the
 *       other side asleep for ever. So a side checks its stack ({@link #headroom}) before it gives the turn
 *       when the compare-and-set that gives it will tell it to wake the other side, and before it parks.
 *       A hand-off between two spinning sides checks nothing: the check costs about as much as the
 *       hand-off itself (measured: about 1.7 &micro;s per send with a check on both sides at every hand-off,
 *       about 0.7 &micro;s without, on a quiet 2-core machine).</li>
 * </ul>
 *
 * <p>A hand-off never lets both sides run, even when it fails: a {@link StackOverflowError} met before
 * the turn is given is raised then, so the caller or the body sees it at its own turn; a failure after
 * the turn was given waits for the turn to come back without calling anything, and a side that finds
 * no room to park spins instead.
 *
 * <p>Each body's virtual thread is started in a thread container of its own (a thread-per-task executor
 * that only the thread itself references), not the JDK's root container that keeps every started virtual
 * thread reachable: a generator dropped without {@code close()} becomes garbage with its parked thread,
 * as a dropped continuation does on the {@code jdk} engine (its {@code finally} blocks do not run).
 *
 * <p>A body's thread calls the body through {@link #callBody}, a call the JIT cannot inline, so the body
 * is compiled on its own and not as the tail of the carrier's {@code Continuation.enter} (see there).
 */
final class ThreadsEngine extends Engine {
    static final ThreadsEngine INSTANCE = new ThreadsEngine();

    private static final ThreadFactory FACTORY = Thread.ofVirtual().name("aiobridge-fiber").factory();

    /**
     * {@code Runnable.run} as a method handle, called by each body's thread to run the body. Not final on
     * purpose: C2 inlines a method handle only when it is a constant, so this call is an inlining barrier.
     * Without it C2 compiles a body into the carrier's {@code Continuation.enter}, which every new virtual
     * thread runs, about thirteen calls deep (the JDK's five, the executor's, the fiber's, the generator's);
     * C2 stops inlining at fifteen ({@code MaxInlineLevel}), so the yield and the consumer of a body's loop
     * were left as calls and every boxed value was allocated: 10-15 ns per item of a {@code forEach} on
     * this engine against 0.33 on the jdk engine (where the body starts five calls deep). Behind the
     * barrier the body is a compilation root: 0.7-0.8 ns per item, nothing allocated.
     */
    private static MethodHandle callBody = runMethod();

    private ThreadsEngine() {
    }

    @Override
    public String name() {
        return "threads";
    }

    private static MethodHandle runMethod() {
        try {
            return MethodHandles.publicLookup().findVirtual(Runnable.class, "run", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Fiber newFiber(Runnable body) {
        return new ThreadFiber(body);
    }

    /** Frames of {@link #headroom}: a stack with room for them has room for a whole hand-off. */
    static final int HEADROOM_FRAMES = 24;

    /** Never written: values the JIT must load before a call and keep across it (see {@link #headroom}). */
    private static long h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, h13, h14, h15;

    /**
     * Uses more stack than a hand-off (park or unpark, of platform or virtual threads: about 1 KiB of
     * compiled frames) so that a stack too deep for one overflows here, before the turn is published. Each
     * level loads sixteen fields before its call and folds them into the result after it: the JIT can
     * neither move the loads past the call nor precompute the fold, so it spills them to the frame (about
     * 150 bytes a level compiled, more interpreted). The fold is a tree (each field combined with the
     * call's result, the sixteen terms summed pairwise), not a chain of multiplications: the same frame
     * (measured: the same depth before an overflow on a 1 MiB stack) for a third of the time, since a chain
     * of sixteen dependent multiply-adds per level was most of the cost (about 70 ns for four levels, 25 ns
     * as a tree; four levels run before every resume on the jdk engine). Returns a value of no meaning.
     */
    static long headroom(int frames) {
        if (frames <= 0) {
            return 1;
        }
        long a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
        long i = h8, j = h9, k = h10, l = h11, m = h12, n = h13, o = h14, p = h15;
        long r = headroom(frames - 1);
        return (((r ^ a) + (r ^ b)) + ((r ^ c) + (r ^ d))) + (((r ^ e) + (r ^ f)) + ((r ^ g) + (r ^ h)))
                + ((((r ^ i) + (r ^ j)) + ((r ^ k) + (r ^ l))) + (((r ^ m) + (r ^ n)) + ((r ^ o) + (r ^ p))));
    }

    static final class ThreadFiber extends Fiber {
        /** Bit of {@link #state}: set while it is the body's turn, clear while it is the driver's. */
        private static final int BODY_TURN = 1;
        /** Bit of {@link #state}: the driver is parked (or about to park): whoever gives it the turn wakes it. */
        private static final int DRIVER_PARKED = 2;
        /** Bit of {@link #state}: the body is parked (or about to park). */
        private static final int BODY_PARKED = 4;
        private static final int DRIVER = 0;
        private static final int BODY = BODY_TURN;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(ThreadFiber.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /**
         * Stack checks, parks and unparks of every fiber: the rule test reads them (slow paths only). Striped
         * adders: thousands of fibers parking on every core must not contend on one counter's cache line.
         */
        static final LongAdder STACK_CHECKS = new LongAdder();
        static final LongAdder PARKS = new LongAdder();
        static final LongAdder UNPARKS = new LongAdder();
        /** Parks decided on (the stack checked) but not needed: the turn came meanwhile. */
        static final LongAdder PARKS_AVOIDED = new LongAdder();
        /** Spin rounds of bodies that ended in a park (the spin did not pay): slow path only. */
        static final LongAdder BODY_SPINS_LOST = new LongAdder();

        /** Spin budget bounds, in {@link Thread#onSpinWait()} rounds (21 ns each on this machine's cores). */
        static final int MAX_SPIN = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 10 : 0;
        /** The least budget a successful spin doubles from; a body's budget at its start. */
        static final int PROBE_SPIN = Math.min(MAX_SPIN, 64);

        private final Runnable body;
        /**
         * The body's thread, set by the body itself when it starts. Not volatile: the driver reads it after
         * the turn came back to it (the state word publishes it), and {@link #isCurrent} on the body's own
         * thread reads its own write; a volatile read there, at every yield, kept the JIT from optimizing a
         * body's loop that yields to a sink (internal iteration).
         */
        private Thread thread;
        /**
         * Whose turn it is ({@link #BODY_TURN}) and which side is parked ({@link #DRIVER_PARKED},
         * {@link #BODY_PARKED}), in one word: the side that gives the turn learns, in the same atomic step,
         * whether the other side must be woken, so it checks its stack before it gives the turn, and only
         * then.
         */
        private volatile int state = DRIVER;
        private volatile Thread driver;
        private Strand strand;
        /** The strand (and its thread-bound state) the body's thread adopted last: body side only. */
        private Strand adopted;
        private Runnable adoptedBound;
        private boolean driverIsVirtual;
        private volatile boolean done;
        private Throwable escaped;
        /**
         * The adaptive spin budgets of the driver and of the body (a heuristic: races only cost speed). Kept
         * apart because their waits differ: a driver waits for one step of the body, a task's body among
         * thousands waits for the loop to come round again; one shared budget, driven to zero by the body's
         * long waits, made the driver park at every step too.
         */
        private int driverSpin = MAX_SPIN;
        private int bodySpin = PROBE_SPIN;
        /** Hand-offs that parked while the budget was zero: every 256th probes spinning again. */
        private int idleParks;

        ThreadFiber(Runnable body) {
            this.body = body;
        }

        @Override
        public void resume() {
            if (done) {
                throw new IllegalStateException("fiber already ended");
            }
            Thread me = Thread.currentThread();
            if (me != driver || driverIsVirtual) {
                // A platform thread's strand never changes (only fibers' threads adopt one): the same
                // platform driver again needs no thread-local lookup and no volatile write.
                driver = me;
                driverIsVirtual = me.isVirtual();
                strand = Strand.current();
            }
            Thread t = thread;
            if (t == null) {
                STACK_CHECKS.increment();
                headroom(HEADROOM_FRAMES); // a StackOverflowError here: nothing changed hands, the body did not run
                start();
                try {
                    awaitTurn(DRIVER);
                } catch (Throwable failure) {
                    while ((state & BODY_TURN) != DRIVER) {
                        // spin: nothing here may call a method (see give)
                    }
                }
            } else {
                give(BODY, t);
            }
            Throwable e = escaped;
            if (e != null) {
                escaped = null;
                throw Rethrow.unchecked(e);
            }
        }

        private void start() {
            state = BODY;
            try {
                // Its own container: nothing but the thread itself keeps it reachable while it is parked.
                Executors.newThreadPerTaskExecutor(FACTORY).execute(this::runBody);
            } catch (Throwable failed) {
                state = DRIVER; // never started: the driver keeps the turn
                throw failed;
            }
        }

        @Override
        public void suspend() {
            give(DRIVER, driver);
            Strand s = strand;
            if (s != adopted || s.threadBound != adoptedBound) {
                Strand.adopt(s); // this thread runs this body alone: what it adopted last is still current
                adopted = s;
                adoptedBound = s.threadBound;
            }
        }

        /**
         * Gives the turn to {@code other}, wakes it if it parked, and waits for the turn to come back. The
         * turn and the other side's parked bit change hands in one compare-and-set, so this side knows
         * before it gives the turn whether it will have to wake the other: only then does it check that its
         * stack has room for the wake-up ({@link #headroom}; a {@link StackOverflowError} there is raised
         * before anything changed hands). A hand-off to a spinning side calls nothing that needs stack.
         */
        private void give(int other, Thread otherThread) {
            int otherParked = other == BODY ? BODY_PARKED : DRIVER_PARKED;
            boolean checked = false;
            int s;
            while (true) {
                s = state;
                if ((s & otherParked) != 0 && !checked) {
                    STACK_CHECKS.increment();
                    headroom(HEADROOM_FRAMES);
                    checked = true;
                    continue; // read again: the state may have moved while the stack was checked
                }
                if (STATE.compareAndSet(this, s, (s & ~BODY_TURN) | other)) {
                    break;
                }
            }
            int mine = other == BODY ? DRIVER : BODY;
            try {
                if ((s & otherParked) != 0) {
                    UNPARKS.increment();
                    LockSupport.unpark(otherThread);
                }
                awaitTurn(mine);
            } catch (Throwable failure) {
                // The turn is given: never run on beside the other side. Wait for it to come back, calling
                // nothing (a failure here may be a stack overflow at the very edge of the stack).
                while ((state & BODY_TURN) != mine) {
                    // spin: nothing here may call a method
                }
            }
        }

        /** The spin budget of the body now (for the rule test). */
        int bodySpinBudget() {
            return bodySpin;
        }

        /** Whether the body is parked (or about to park), waiting for its turn (for the rule test). */
        boolean bodyParked() {
            return (state & BODY_PARKED) != 0;
        }

        private void setSpin(int side, int budget) {
            if (side == DRIVER) {
                driverSpin = budget;
            } else {
                bodySpin = budget;
            }
        }

        @Override
        public boolean isCurrent() {
            return Thread.currentThread() == thread;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public StackTraceElement[] stackTrace() {
            Thread t = thread;
            return t == null || done || (state & BODY_TURN) != DRIVER ? new StackTraceElement[0] : t.getStackTrace();
        }

        private void runBody() {
            thread = Thread.currentThread();
            Strand mine = strand;
            Strand.adopt(mine);
            adopted = mine;
            adoptedBound = mine.threadBound;
            try {
                callBody.invokeExact(body); // an inlining barrier: see callBody
            } catch (Throwable t) {
                escaped = t;
            } finally {
                done = true;
                int s = (int) STATE.getAndBitwiseAnd(this, ~BODY_TURN); // the driver's turn, for good
                if ((s & DRIVER_PARKED) != 0) {
                    LockSupport.unpark(driver); // the body's bottom frame: stack to spare
                }
            }
        }

        /**
         * Waits until it is {@code whose} turn: a spin within the adaptive budget (none when the driver is a
         * virtual thread), then park. Parking checks the stack first ({@link #headroom}): at the edge of the
         * stack this side spins on instead. An interrupt is kept for later, never lost, never spun on.
         */
        private void awaitTurn(int whose) {
            if ((state & BODY_TURN) == whose) {
                return;
            }
            int budget = driverIsVirtual ? 0 : whose == DRIVER ? driverSpin : bodySpin;
            if (budget == 0 && !driverIsVirtual && MAX_SPIN > 0 && (++idleParks & 255) == 0) {
                // Probe with the whole budget, and let the other side spin too at its next wait: a probe
                // of one side alone never succeeds while the other parks at once (the quiet machine case).
                // A body too: a short probe hardly ever pays on a busy machine, where a generator sent to in
                // a loop then kept parking at every hand-off (P1tl: 58 to 103 us per send in three quick runs
                // of five with short probes; 3 to 9 us in three forks with whole ones, 9 to 14 with short).
                budget = MAX_SPIN;
                driverSpin = MAX_SPIN;
                bodySpin = MAX_SPIN;
            }
            for (int i = 0; i < budget; i++) {
                Thread.onSpinWait();
                if ((state & BODY_TURN) == whose) {
                    setSpin(whose, Math.min(MAX_SPIN, Math.max(budget, PROBE_SPIN) << 1));
                    return;
                }
            }
            if (budget > 0) {
                setSpin(whose, budget >> 1);
                if (whose == BODY) {
                    BODY_SPINS_LOST.add(budget);
                }
            }
            STACK_CHECKS.increment();
            headroom(HEADROOM_FRAMES); // a StackOverflowError here: the caller spins on without calls
            int myParked = whose == BODY ? BODY_PARKED : DRIVER_PARKED;
            int s;
            do {
                s = state;
                if ((s & BODY_TURN) == whose) {
                    PARKS_AVOIDED.increment();
                    return; // the turn came while the stack was checked
                }
            } while (!STATE.compareAndSet(this, s, s | myParked));
            PARKS.increment();
            boolean interrupted = false;
            while ((state & BODY_TURN) != whose) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            STATE.getAndBitwiseAnd(this, ~myParked);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
