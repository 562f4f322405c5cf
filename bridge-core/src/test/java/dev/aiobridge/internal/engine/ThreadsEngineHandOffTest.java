package dev.aiobridge.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The threads engine's hand-off checks its stack only where it will park or wake the other side (the
 * rule that halves a send between two spinning sides), and still hands every value over strictly in turn;
 * a body (a virtual thread, holding a carrier while it spins) starts with a short spin and spins longer
 * only once spinning pays. Runs the engine directly, whichever engine the JVM chose for generators.
 */
class ThreadsEngineHandOffTest {
    private static final int HAND_OFFS = 20_000;

    private int bodySteps;

    @Test
    void aHandOffChecksTheStackOnlyBeforeAParkOrAnUnpark() {
        Fiber[] self = new Fiber[1];
        Fiber fiber = ThreadsEngine.INSTANCE.newFiber(() -> {
            for (int i = 0; i < HAND_OFFS; i++) {
                bodySteps++;
                self[0].suspend();
            }
        });
        self[0] = fiber;
        long checks = ThreadsEngine.ThreadFiber.STACK_CHECKS.sum();
        long parks = ThreadsEngine.ThreadFiber.PARKS.sum();
        long unparks = ThreadsEngine.ThreadFiber.UNPARKS.sum();
        long avoided = ThreadsEngine.ThreadFiber.PARKS_AVOIDED.sum();
        for (int i = 0; i < HAND_OFFS; i++) {
            fiber.resume();
            assertThat(bodySteps).as("the body ran exactly one step per resume").isEqualTo(i + 1);
        }
        fiber.resume();
        assertThat(fiber.isDone()).isTrue();
        checks = ThreadsEngine.ThreadFiber.STACK_CHECKS.sum() - checks;
        parks = ThreadsEngine.ThreadFiber.PARKS.sum() - parks;
        unparks = ThreadsEngine.ThreadFiber.UNPARKS.sum() - unparks;
        avoided = ThreadsEngine.ThreadFiber.PARKS_AVOIDED.sum() - avoided;
        // One check before the start, then one before each park (or a park the turn made unneeded while
        // the stack was checked) and each wake-up; none for a hand-off between two spinning sides (checking
        // at every hand-off makes 2 * HAND_OFFS checks, which only a machine too busy to spin reaches).
        assertThat(checks).as("stack checks (parks %d, avoided %d, unparks %d)", parks, avoided, unparks)
                .isLessThanOrEqualTo(1 + parks + avoided + unparks);
    }

    /**
     * A task's body among many: its driver (the loop) comes back only after the body has parked. Its spins
     * never pay, and all of them together stay under twice its starting budget: it starts short and halves.
     * (Started at the driver's budget, as before the rule, they came to about twice that: 2,046 rounds.)
     */
    @Test
    void aBodyWhoseDriverComesBackLateSpinsLittleInAll() {
        long lost = ThreadsEngine.ThreadFiber.BODY_SPINS_LOST.sum();
        driveLate(fiberOf(20), 20, (step, budget) -> { });
        lost = ThreadsEngine.ThreadFiber.BODY_SPINS_LOST.sum() - lost;
        assertThat(lost).as("spin rounds of the body that ended in a park")
                .isLessThan(2L * ThreadsEngine.ThreadFiber.PROBE_SPIN);
    }

    /**
     * A body whose caller sends again at once: its spins pay, and its budget grows past its start (up to the
     * driver's), so a generator sent to in a loop is not left with the short spin of a task among many.
     */
    @Test
    void aBodyWhoseSpinsPaySpinsLonger() {
        ThreadsEngine.ThreadFiber fiber = fiberOf(HAND_OFFS);
        int most = 0;
        for (int i = 0; i <= HAND_OFFS; i++) {
            fiber.resume();
            most = Math.max(most, fiber.bodySpinBudget());
        }
        assertThat(fiber.isDone()).isTrue();
        assertThat(most).as("the body's largest spin budget")
                .isGreaterThanOrEqualTo(Math.min(2 * ThreadsEngine.ThreadFiber.PROBE_SPIN, ThreadsEngine.ThreadFiber.MAX_SPIN))
                .isLessThanOrEqualTo(ThreadsEngine.ThreadFiber.MAX_SPIN);
    }

    /**
     * A body that gave up spinning probes again, every 256th park, with the driver's whole budget: on a busy
     * machine a short probe hardly ever pays, and a generator sent to in a loop stayed parking at every
     * hand-off (its sends took several times as long).
     */
    @Test
    void aBodyThatGaveUpSpinningProbesWithTheWholeBudget() {
        int steps = 300; // past the first probe, at the 256th park with a budget of zero
        int[] most = new int[1];
        driveLate(fiberOf(steps), steps, (step, budget) -> {
            if (step > 20) {
                most[0] = Math.max(most[0], budget);
            }
        });
        // The probe failed (the driver waited for the park) and halved the whole budget.
        assertThat(most[0]).as("the body's largest budget once it had given up spinning")
                .isEqualTo(ThreadsEngine.ThreadFiber.MAX_SPIN / 2);
    }

    /** A fiber whose body suspends {@code steps} times and ends. */
    private static ThreadsEngine.ThreadFiber fiberOf(int steps) {
        Fiber[] self = new Fiber[1];
        self[0] = ThreadsEngine.INSTANCE.newFiber(() -> {
            for (int i = 0; i < steps; i++) {
                self[0].suspend();
            }
        });
        return (ThreadsEngine.ThreadFiber) self[0];
    }

    /**
     * Resumes {@code fiber} {@code steps} times, each time coming back only once its body parked (as a loop
     * comes round to a task among thousands), telling {@code seen} the body's budget then; then to its end.
     */
    private static void driveLate(ThreadsEngine.ThreadFiber fiber, int steps, BudgetSeen seen) {
        for (int i = 0; i < steps; i++) {
            fiber.resume();
            while (!fiber.bodyParked()) {
                Thread.onSpinWait(); // every spin of the body fails: the driver waits for its park
            }
            seen.accept(i, fiber.bodySpinBudget());
        }
        fiber.resume();
        assertThat(fiber.isDone()).isTrue();
    }

    /** What {@link #driveLate} tells at each step. */
    private interface BudgetSeen {
        void accept(int step, int budget);
    }
}
