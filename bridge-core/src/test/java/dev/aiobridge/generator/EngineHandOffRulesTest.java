package dev.aiobridge.generator;

import dev.aiobridge.builtins.RecursionError;
import dev.aiobridge.builtins.StopIteration;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's hand-off rules seen through generators, on the engine this run uses (the suite runs on
 * both): exactly one of caller and body runs even when the hand-off itself overflows the stack, a deep
 * chain fails with the overflow rather than a null, and a generator dropped while suspended is garbage.
 */
class EngineHandOffRulesTest {

    /**
     * True while the body runs between two yields: it must be false whenever the caller runs. A plain
     * volatile field, so that setting it calls nothing, even at the end of a stack.
     */
    private static volatile boolean bodyRunning;

    /**
     * Body steps: counted by the body between two yields. Whenever the caller runs, the count must stand
     * still (a caller that wrongly runs on beside its body sees it move).
     */
    private static volatile int bodySteps;

    /** A busy stretch of {@code micros}: long enough for a caller that wrongly runs on to see the body run. */
    private static void busy(int micros) {
        long end = System.nanoTime() + micros * 1_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** How deep this thread can call {@link #probeDepth} before its stack overflows. */
    private static int probeDepth(int depth) {
        try {
            return probeDepth(depth + 1);
        } catch (StackOverflowError overflow) {
            return depth;
        }
    }

    /**
     * Walks a call depth to where the stack ends (doubling, then bisecting between the deepest depth that
     * fitted and the shallowest that overflowed), then back and forth across it by 5 down and 4 up, so
     * that the overflow falls on every call of the path, the hand-off's included. Nine fits or nine
     * overflows in a row mean the end moved (frames compiled or deoptimized meanwhile): it searches again.
     */
    static final class DepthWalk {
        private int fits;
        private int overflows = -1;
        private int depth;
        private int streak;

        DepthWalk(int start) {
            fits = start / 2;
            depth = start;
        }

        int depth() {
            return depth;
        }

        void fitted() {
            next(true);
        }

        void overflowed() {
            next(false);
        }

        private void next(boolean ok) {
            if (overflows < 0 || overflows - fits > 16) {
                if (ok) {
                    fits = Math.max(fits, depth);
                } else {
                    overflows = overflows < 0 ? depth : Math.min(overflows, depth);
                }
                depth = overflows < 0 ? depth * 2 : (fits + overflows) / 2;
            } else {
                streak = ok ? Math.max(streak, 0) + 1 : Math.min(streak, 0) - 1;
                if (streak > 8) { // the end moved deeper (compiled frames are smaller): search again
                    streak = 0;
                    overflows = -1;
                    fits = depth;
                } else if (streak < -8) {
                    // The end moved up (frames bigger than where the search started: the walk's calls are
                    // interpreted while the probe's were compiled, or the reverse): search again, below.
                    streak = 0;
                    overflows = depth;
                    fits = depth / 2;
                    depth = (fits + overflows) / 2;
                    return;
                }
                depth += ok ? 5 : -4;
            }
        }
    }

    /** Calls itself {@code depth} times, then yields once at the bottom. */
    private static void descend(Yielder<Integer, Object> y, int depth) {
        if (depth > 0) {
            descend(y, depth - 1);
            return;
        }
        bodyRunning = false;
        y.yield(depth);
        bodyRunning = true;
    }

    private static int bodyOverflows;

    @Test
    void aBodyThatOverflowsItsStackInTheHandOffNeverRunsBesideItsCaller() {
        // The body yields at the bottom of ever deeper stacks, walking back and forth across the depth where
        // its stack ends, so that the overflow falls everywhere: in its own calls and inside the hand-off.
        bodyOverflows = 0;
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            DepthWalk walk = new DepthWalk(probeDepth(0) / 2);
            for (int i = 0; i < 1_000; i++) {
                try {
                    descend(y, walk.depth());
                    walk.fitted();
                } catch (StackOverflowError overflow) {
                    bodyRunning = true;
                    bodyOverflows++;
                    bodySteps++;
                    busy(100); // a caller that wrongly runs on sees this
                    bodySteps++;
                    walk.overflowed();
                }
            }
            bodyRunning = false;
        });
        int resumes = 0;
        int sawBodyRunning = 0;
        while (true) {
            try {
                g.next();
            } catch (StopIteration end) {
                break;
            }
            resumes++;
            int steps = bodySteps;
            busy(100);
            if (bodyRunning || bodySteps != steps) {
                sawBodyRunning++;
            }
        }
        assertThat(sawBodyRunning).as("resumes after which the body still ran").isZero();
        assertThat(bodyOverflows).as("overflows met by the body").isGreaterThan(100);
        assertThat(resumes).isGreaterThan(10);
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    private static int callerOverflows;

    /** Calls itself {@code depth} times, then resumes {@code g} at the bottom. */
    private static void resumeAtDepth(Generator<Integer, Object, Void> g, int depth) {
        if (depth > 0) {
            resumeAtDepth(g, depth - 1);
            return;
        }
        g.next();
    }

    @Test
    void aCallerThatOverflowsInTheHandOffNeverRunsBesideTheBody() {
        Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
            int i = 0;
            while (true) {
                bodyRunning = false;
                y.yield(i++);
                bodyRunning = true;
                try {
                    busy(100);
                } catch (StackOverflowError overflow) {
                    bodyRunning = false; // jdk engine: the body runs on the caller's stack and overflowed
                    throw overflow;
                }
            }
        });
        g.next();
        callerOverflows = 0;
        int ranBeside = 0;
        int resumes = 0;
        boolean ended = false;
        // The caller resumes at the bottom of ever deeper stacks, walking back and forth across the depth
        // where its stack ends, so that the overflow falls everywhere, inside the hand-off too.
        DepthWalk walk = new DepthWalk(probeDepth(0) / 2);
        for (int i = 0; i < 1_000 && !ended; i++) {
            try {
                resumeAtDepth(g, walk.depth());
                resumes++;
                walk.fitted();
            } catch (StackOverflowError overflow) {
                callerOverflows++;
                walk.overflowed();
            } catch (StopIteration | RecursionError end) {
                // jdk engine: the body overflowed on the caller's stack and ended (its StackOverflowError
                // reaches the caller as CPython's RecursionError)
                ended = true;
            }
            if (bodyRunning) {
                ranBeside++;
            }
        }
        assertThat(ranBeside).as("resumes after which the body still ran").isZero();
        assertThat(callerOverflows + (ended ? 1 : 0)).isGreaterThan(0);
        assertThat(resumes).isGreaterThan(0);
        if (Generator.engine().equals("threads")) {
            assertThat(resumes).isGreaterThan(10);
            // the body has a stack of its own: the caller's depth cannot end it
            assertThat(callerOverflows).isGreaterThan(100);
            assertThat(g.state()).isEqualTo(GeneratorState.SUSPENDED);
            g.next();
        }
        g.close();
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    private static Generator<Integer, Object, Integer> chain(int depth) {
        return Generator.of(y -> depth == 0 ? endless(y) : y.yieldFrom(chain(depth - 1)));
    }

    private static Integer endless(Yielder<Integer, Object> y) {
        while (true) {
            y.yield(7);
        }
    }

    @Test
    void aYieldFromChainTooDeepForTheStackFailsWithTheOverflowNotANull() {
        Generator<Integer, Object, Integer> g = chain(200_000);
        Throwable end = null;
        for (int i = 0; i < 3 && end == null; i++) {
            try {
                assertThat(g.next()).isEqualTo(7);
            } catch (Throwable t) {
                end = t;
            }
        }
        assertThat(end).as("a 200,000-deep chain cannot fit on a stack").isNotNull();
        assertThat(isStackOverflow(end)).as("it fails with the overflow, got " + end).isTrue();
        assertThat(g.state()).isEqualTo(GeneratorState.CLOSED);
    }

    private static boolean isStackOverflow(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StackOverflowError || c.getClass().getSimpleName().contains("Recursion")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void generatorsDroppedWhileSuspendedBecomeGarbage() {
        int count = 2_000;
        int bytesEach = 64 * 1024; // 125 MiB in all: a leak is also a heap bound broken
        List<WeakReference<Generator<Integer, Object, Void>>> refs = new ArrayList<>();
        long before = usedAfterGc();
        for (int i = 0; i < count; i++) {
            Generator<Integer, Object, Void> g = Generator.ofVoid(y -> {
                byte[] held = new byte[bytesEach];
                while (true) {
                    y.yield(held.length);
                }
            });
            assertThat(g.next()).isEqualTo(bytesEach);
            refs.add(new WeakReference<>(g));
        }
        for (int round = 0; round < 20 && refs.stream().anyMatch(r -> r.get() != null); round++) {
            System.gc();
        }
        long alive = refs.stream().filter(r -> r.get() != null).count();
        assertThat(alive).as("dropped suspended generators still reachable").isZero();
        long grown = usedAfterGc() - before;
        assertThat(grown).as("heap kept by %d dropped generators", count).isLessThan(32L << 20);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
