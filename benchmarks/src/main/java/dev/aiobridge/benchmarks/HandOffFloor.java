package dev.aiobridge.benchmarks;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under the threads engine (P1tf, T2kf): what a round trip between the calling platform thread
 * and a virtual thread costs on this machine with nothing of aiobridge in it. {@code spin}: both sides
 * spin on one volatile word (the best a hand-off between two threads can do: the word's cache line
 * crosses cores twice). {@code park}: both sides park and unpark each other at once (what a hand-off
 * costs when the other side had to park: a body among thousands of tasks, or a busy machine). {@code wake}:
 * the caller spins while the other side, parked, is woken (the best case of a hand-off to a parked side:
 * the threads engine's driver spins while a task's body wakes), the next of 2,000 such partners each
 * time. {@code start}: the caller starts a virtual thread that answers at once and ends, and spins until
 * it answered (what every task's body costs on the threads engine before its first step, with no thread
 * container of its own: T1M's floor). A generator
 * switch on the jdk engine (P1) runs on one thread: a ratio above 2 here means that no hand-off between
 * threads can meet P1t's goal on this machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class HandOffFloor {
    static final int CALLER = 0;
    static final int PARTNER = 1;

    /** A virtual thread that answers by spinning; only the {@code spin} benchmark starts it. */
    @State(Scope.Thread)
    public static class Spinner {
        volatile int turn = CALLER;
        volatile boolean stopping;
        Thread partner;

        @Setup(Level.Trial)
        public void start() {
            partner = Thread.ofVirtual().name("floor-spin").start(() -> {
                while (!stopping) {
                    if (turn == PARTNER) {
                        turn = CALLER;
                    } else {
                        Thread.onSpinWait();
                    }
                }
            });
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            stopping = true;
            partner.join();
        }
    }

    /**
     * A virtual thread that parks until its turn, then answers; {@link #wakesCaller} says whether it also
     * unparks the caller (a parking caller) or not (a spinning one). Each benchmark starts only its own.
     */
    abstract static class ParkingPartner {
        volatile int turn = CALLER;
        volatile boolean stopping;
        volatile Thread caller;
        Thread partner;

        abstract boolean wakesCaller();

        @Setup(Level.Trial)
        public void start() {
            caller = Thread.currentThread();
            boolean wake = wakesCaller();
            partner = Thread.ofVirtual().name("floor-partner").start(() -> {
                while (!stopping) {
                    if (turn == PARTNER) {
                        turn = CALLER;
                        if (wake) {
                            LockSupport.unpark(caller);
                        }
                    } else {
                        LockSupport.park(this);
                    }
                }
            });
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            stopping = true;
            LockSupport.unpark(partner);
            partner.join();
        }
    }

    /** The {@code park} benchmark's partner: it unparks the caller, which parks. */
    @State(Scope.Thread)
    public static class Parker extends ParkingPartner {
        @Override
        boolean wakesCaller() {
            return true;
        }
    }

    /** One of the {@code wake} benchmark's partners: it answers a caller that spins. */
    public static class Sleeper extends ParkingPartner {
        @Override
        boolean wakesCaller() {
            return false;
        }
    }

    /** Starts virtual threads that answer at once and end; only the {@code start} benchmark uses it. */
    @State(Scope.Thread)
    public static class Starter {
        final ThreadFactory factory = Thread.ofVirtual().name("floor-start").factory();
        volatile int answered;
        final Runnable answer = () -> answered++;
    }

    /** A virtual thread started, run and answered: the caller spins until it answered. */
    @Benchmark
    public int start(Starter s) {
        int before = s.answered;
        s.factory.newThread(s.answer).start();
        while (s.answered == before) {
            Thread.onSpinWait();
        }
        return s.answered;
    }

    /**
     * The {@code wake} benchmark's partners: as many parked virtual threads as T2k has tasks, woken in turn
     * (as the loop wakes T2k's bodies: each has parked, and its carrier has gone on or gone to sleep).
     */
    @State(Scope.Thread)
    public static class Sleepers {
        final Sleeper[] all = new Sleeper[TaskScale.TASKS];
        int next;

        @Setup(Level.Trial)
        public void start() {
            for (int i = 0; i < all.length; i++) {
                all[i] = new Sleeper();
                all[i].start();
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            for (Sleeper s : all) {
                s.stop();
            }
        }

        Sleeper next() {
            Sleeper s = all[next];
            next = next + 1 == all.length ? 0 : next + 1;
            return s;
        }
    }

    /** A round trip to the next of 2,000 parked virtual threads and back, the caller spinning while it wakes. */
    @Benchmark
    public int wake(Sleepers all) {
        Sleeper s = all.next();
        s.turn = PARTNER;
        LockSupport.unpark(s.partner);
        while (s.turn != CALLER) {
            Thread.onSpinWait();
        }
        return s.turn;
    }

    /** A round trip to a spinning virtual thread and back, both sides spinning. */
    @Benchmark
    public int spin(Spinner s) {
        s.turn = PARTNER;
        while (s.turn != CALLER) {
            Thread.onSpinWait();
        }
        return s.turn;
    }

    /** A round trip to a parked virtual thread and back, both sides parking. */
    @Benchmark
    public int park(Parker p) {
        p.turn = PARTNER;
        LockSupport.unpark(p.partner);
        while (p.turn != CALLER) {
            LockSupport.park(this);
        }
        return p.turn;
    }
}
