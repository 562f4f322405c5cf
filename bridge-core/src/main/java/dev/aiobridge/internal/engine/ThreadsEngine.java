package dev.aiobridge.internal.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * The portable engine: each fiber's body runs on its own virtual thread, handed off strictly so that at
 * every instant exactly one of the driver and the body runs. The body's thread adopts the driver's
 * {@link Strand} at each resume.
 *
 * <p>The hand-off is a turn word plus park/unpark, with three rules that keep it fast and bounded:
 * <ul>
 *   <li><b>Adaptive spin.</b> A waiting side spins only while spinning pays: each fiber keeps a spin
 *       budget that doubles when the other side answered within it and halves when it did not. On a busy
 *       machine (the other side's thread waits for a core) the budget falls to zero within a few
 *       hand-offs and the hand-off is a plain park/unpark; a fixed spin would burn a whole time slice per
 *       hand-off there (the 100 &micro;s per send this replaced).</li>
 *   <li><b>No spin on virtual threads.</b> A virtual driver (a loop or a task on a virtual thread) never
 *       spins, nor does the body it drives: parking at once lets the carrier run the other side.</li>
 *   <li><b>Wake only a parked side.</b> Each side announces that it is about to park; the other side
 *       unparks it only then, so a hand-off to a spinning side costs no system call.</li>
 * </ul>
 *
 * <p>A hand-off never lets both sides run, even when it fails: before publishing the turn, each side
 * checks that its stack has room for the whole hand-off (a {@link StackOverflowError} there is raised
 * before anything changed hands, so the caller or the body sees it at its own turn), and a failure after
 * the turn was published waits for the turn to come back without calling anything.
 *
 * <p>Each body's virtual thread is started in a thread container of its own (a thread-per-task executor
 * that only the thread itself references), not the JDK's root container that keeps every started virtual
 * thread reachable: a generator dropped without {@code close()} becomes garbage with its parked thread,
 * as a dropped continuation does on the {@code jdk} engine (its {@code finally} blocks do not run).
 */
final class ThreadsEngine extends Engine {
    static final ThreadsEngine INSTANCE = new ThreadsEngine();

    private static final ThreadFactory FACTORY = Thread.ofVirtual().name("aiobridge-fiber").factory();

    private ThreadsEngine() {
    }

    @Override
    public String name() {
        return "threads";
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
     * 150 bytes a level compiled, more interpreted). Returns a value of no meaning.
     */
    static long headroom(int frames) {
        if (frames <= 0) {
            return 1;
        }
        long a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
        long i = h8, j = h9, k = h10, l = h11, m = h12, n = h13, o = h14, p = h15;
        long r = headroom(frames - 1);
        return (((((((((((((((r * 31 + a) * 31 + b) * 31 + c) * 31 + d) * 31 + e) * 31 + f) * 31 + g) * 31 + h)
                * 31 + i) * 31 + j) * 31 + k) * 31 + l) * 31 + m) * 31 + n) * 31 + o) * 31 + p;
    }

    static final class ThreadFiber extends Fiber {
        private static final int DRIVER = 0;
        private static final int BODY = 1;
        /** Spin budget bounds, in {@link Thread#onSpinWait()} rounds. */
        private static final int MAX_SPIN = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 10 : 0;
        private static final int PROBE_SPIN = Math.min(MAX_SPIN, 64);

        private final Runnable body;
        /** The body's thread, set by the body itself when it starts. */
        private volatile Thread thread;
        /** Whose turn it is to run: {@link #DRIVER} or {@link #BODY}. */
        private volatile int turn = DRIVER;
        /** True while the driver is parked (or about to park): only then does the body unpark it. */
        private volatile boolean driverParked;
        /** True while the body is parked (or about to park): only then does the driver unpark it. */
        private volatile boolean bodyParked;
        private volatile Thread driver;
        private Strand strand;
        private boolean driverIsVirtual;
        private volatile boolean done;
        private Throwable escaped;
        /** The adaptive spin budget, shared by both sides (a heuristic: races only cost speed). */
        private int spin = MAX_SPIN;
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
            headroom(HEADROOM_FRAMES); // a StackOverflowError here: nothing changed hands, the body did not run
            Thread me = Thread.currentThread();
            driver = me;
            driverIsVirtual = me.isVirtual();
            strand = Strand.current();
            Thread t = thread;
            if (t == null) {
                start();
                publishAndWait(-1, null, DRIVER);
            } else {
                publishAndWait(BODY, t, DRIVER);
            }
            Throwable e = escaped;
            if (e != null) {
                escaped = null;
                throw Rethrow.unchecked(e);
            }
        }

        private void start() {
            turn = BODY;
            try {
                // Its own container: nothing but the thread itself keeps it reachable while it is parked.
                Executors.newThreadPerTaskExecutor(FACTORY).execute(this::runBody);
            } catch (Throwable failed) {
                turn = DRIVER; // never started: the driver keeps the turn
                throw failed;
            }
        }

        @Override
        public void suspend() {
            headroom(HEADROOM_FRAMES); // a StackOverflowError here is the body's own, raised at its turn
            publishAndWait(DRIVER, driver, BODY);
            Strand.adopt(strand);
        }

        /**
         * Gives the turn to {@code other} (none when it is -1: already given), wakes it if it parked, and
         * waits for {@code mine}. Once the turn is published this side must not run on before it comes back,
         * even if waking or parking fails (a stack overflow): it then waits without calling anything.
         */
        private void publishAndWait(int other, Thread otherThread, int mine) {
            if (other >= 0) {
                turn = other;
            }
            try {
                if (other >= 0 && (other == BODY ? bodyParked : driverParked)) {
                    LockSupport.unpark(otherThread);
                }
                awaitTurn(mine);
            } catch (Throwable failure) {
                while (turn != mine) {
                    // spin: nothing here may call a method
                }
                if (mine == DRIVER) {
                    driverParked = false;
                } else {
                    bodyParked = false;
                }
            }
        }

        private void setParked(int side, boolean value) {
            if (side == DRIVER) {
                driverParked = value;
            } else {
                bodyParked = value;
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
            return t == null || done || turn != DRIVER ? new StackTraceElement[0] : t.getStackTrace();
        }

        private void runBody() {
            thread = Thread.currentThread();
            Strand.adopt(strand);
            try {
                body.run();
            } catch (Throwable t) {
                escaped = t;
            } finally {
                done = true;
                turn = DRIVER;
                if (driverParked) {
                    LockSupport.unpark(driver);
                }
            }
        }

        /**
         * Waits until it is {@code whose} turn: a spin within the adaptive budget (none when the driver is a
         * virtual thread), then park. An interrupt is kept for later, never lost, never spun on.
         */
        private void awaitTurn(int whose) {
            if (turn == whose) {
                return;
            }
            int budget = driverIsVirtual ? 0 : spin;
            if (budget == 0 && !driverIsVirtual && MAX_SPIN > 0 && (++idleParks & 255) == 0) {
                // Probe with the whole budget, and let the other side spin too at its next wait: a probe
                // of one side alone never succeeds while the other parks at once (the quiet machine case).
                budget = MAX_SPIN;
                spin = MAX_SPIN;
            }
            for (int i = 0; i < budget; i++) {
                Thread.onSpinWait();
                if (turn == whose) {
                    spin = Math.min(MAX_SPIN, Math.max(budget, PROBE_SPIN) << 1);
                    return;
                }
            }
            if (budget > 0) {
                spin = budget >> 1;
            }
            boolean interrupted = false;
            setParked(whose, true);
            while (turn != whose) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            setParked(whose, false);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
