package dev.aiobridge.internal.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * The portable engine: each fiber's body runs on its own virtual thread, handed off strictly so that at
 * every instant exactly one of the driver and the body runs. The hand-off is a volatile turn flag plus
 * park/unpark; the body's thread adopts the driver's {@link Strand} at each resume.
 *
 * <p>A body suspended forever (a generator that is never finished or closed) keeps its virtual thread
 * parked; close generators you abandon, as you would in Python to run their finally blocks.
 */
final class ThreadsEngine extends Engine {
    static final ThreadsEngine INSTANCE = new ThreadsEngine();

    private static final Thread.Builder BUILDER = Thread.ofVirtual().name("aiobridge-fiber");

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

    private static final class ThreadFiber extends Fiber {
        private static final int DRIVER = 0;
        private static final int BODY = 1;
        /** Spin iterations before parking: only worth it with a second core to run the other side. */
        private static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 2_000 : 0;

        private final Runnable body;
        private Thread thread;
        /** Whose turn it is to run: {@link #DRIVER} or {@link #BODY}. The only synchronization. */
        private volatile int turn = DRIVER;
        private volatile Thread driver;
        private Strand strand;
        private boolean done;
        private Throwable escaped;

        ThreadFiber(Runnable body) {
            this.body = body;
        }

        @Override
        public void resume() {
            if (done) {
                throw new IllegalStateException("fiber already ended");
            }
            Thread me = Thread.currentThread();
            driver = me;
            strand = Strand.current();
            turn = BODY;
            if (thread == null) {
                thread = BUILDER.unstarted(this::runBody);
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
            awaitTurn(DRIVER);
            Throwable t = escaped;
            if (t != null) {
                escaped = null;
                throw Rethrow.unchecked(t);
            }
        }

        @Override
        public void suspend() {
            Thread waiting = driver;
            turn = DRIVER;
            LockSupport.unpark(waiting);
            awaitTurn(BODY);
            Strand.adopt(strand);
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
            Strand.adopt(strand);
            try {
                body.run();
            } catch (Throwable t) {
                escaped = t;
            } finally {
                done = true;
                Thread waiting = driver;
                turn = DRIVER;
                LockSupport.unpark(waiting);
            }
        }

        /**
         * Waits until it is {@code whose} turn: a short spin first (the other side usually answers within
         * microseconds, and a park/unpark of a platform thread costs tens of them), then parks. An
         * interrupt is kept for later, never lost, never spun on.
         */
        private void awaitTurn(int whose) {
            for (int i = 0; i < SPINS && turn != whose; i++) {
                Thread.onSpinWait();
            }
            boolean interrupted = false;
            while (turn != whose) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
