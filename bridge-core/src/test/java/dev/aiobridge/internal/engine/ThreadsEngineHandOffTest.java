package dev.aiobridge.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The threads engine's hand-off checks its stack only where it will park or wake the other side (the
 * rule that halves a send between two spinning sides), and still hands every value over strictly in turn.
 * Runs the engine directly, whichever engine the JVM chose for generators.
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
}
