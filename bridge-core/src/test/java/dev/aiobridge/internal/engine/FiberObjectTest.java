package dev.aiobridge.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On the jdk engine a generator keeps the bare continuation as its fiber (no object around it: P6,
 * memory per task), driven through {@link Fiber}'s static operations like any fiber.
 */
@Tag("jdk-only")
class FiberObjectTest {

    @Test
    void theJdkEnginesFiberIsTheBareContinuation() {
        StringBuilder trace = new StringBuilder();
        Object[] self = new Object[1];
        Object fiber = Engine.jdk().newFiberObject(() -> {
            trace.append("a");
            assertThat(Fiber.isCurrent(self[0])).isTrue();
            Fiber.suspend(self[0]);
            trace.append("b");
        });
        self[0] = fiber;
        assertThat(fiber).isNotInstanceOf(Fiber.class);
        assertThat(fiber.getClass().getName()).isEqualTo("jdk.internal.vm.Continuation");
        Fiber.resume(fiber);
        assertThat(trace).hasToString("a");
        assertThat(Fiber.isDone(fiber)).isFalse();
        assertThat(Fiber.stackTrace(fiber)).isNotEmpty();
        Fiber.resume(fiber);
        assertThat(trace).hasToString("ab");
        assertThat(Fiber.isDone(fiber)).isTrue();
    }

    @Test
    void theThreadsEnginesFiberIsAFiber() {
        assertThat(Engine.threads().newFiberObject(() -> { })).isInstanceOf(Fiber.class);
    }
}
