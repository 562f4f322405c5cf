package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ready queue: one iteration runs what was ready when it began, in order; what that schedules runs
 * in the next. A batch of {@link BaseEventLoop#FRESH_QUEUE_BATCH} or more schedules into a new queue (a
 * young array for the garbage collector, whose write barrier is cheap there), and that changes nothing
 * of the order, even when an error leaves the loop in the middle of the batch.
 */
class ReadyQueueRulesTest {

    @Test
    void whatALargeBatchSchedulesGoesToANewQueue() throws Exception {
        SelectorEventLoop loop = AsyncIO.newEventLoop();
        try {
            List<Object> queues = new ArrayList<>();
            for (int i = 0; i < BaseEventLoop.FRESH_QUEUE_BATCH; i++) {
                loop.callSoon(() -> { });
            }
            queues.add(readyQueue(loop));
            loop.callSoon(() -> {
                queues.add(readyQueue(loop));
                loop.callSoon(loop::stop);
            });
            loop.runForever();
            assertThat(queues.get(1)).as("the queue the batch's callbacks schedule into").isNotSameAs(queues.get(0));
        } finally {
            loop.close();
        }
    }

    @Test
    void aSmallBatchKeepsItsQueue() throws Exception {
        SelectorEventLoop loop = AsyncIO.newEventLoop();
        try {
            List<Object> queues = new ArrayList<>();
            queues.add(readyQueue(loop));
            loop.callSoon(() -> {
                queues.add(readyQueue(loop));
                loop.callSoon(loop::stop);
            });
            loop.runForever();
            assertThat(queues.get(1)).isSameAs(queues.get(0));
        } finally {
            loop.close();
        }
    }

    @Test
    void anErrorMidBatchLeavesTheRestOfTheBatchFirstThenWhatItScheduled() {
        SelectorEventLoop loop = AsyncIO.newEventLoop();
        try {
            List<String> ran = new ArrayList<>();
            loop.callSoon(() -> {
                ran.add("a");
                loop.callSoon(() -> ran.add("scheduled by a"));
            });
            loop.callSoon(() -> {
                throw new InternalError("boom"); // a VirtualMachineError leaves the loop
            });
            for (int i = 0; i < BaseEventLoop.FRESH_QUEUE_BATCH; i++) {
                int n = i;
                loop.callSoon(() -> ran.add("b" + n));
            }
            assertThatThrownBy(loop::runForever).isInstanceOf(InternalError.class).hasMessage("boom");
            assertThat(ran).containsExactly("a");
            loop.callSoon(loop::stop);
            loop.runForever();
            List<String> expected = new ArrayList<>(List.of("a"));
            for (int i = 0; i < BaseEventLoop.FRESH_QUEUE_BATCH; i++) {
                expected.add("b" + i);
            }
            expected.add("scheduled by a");
            assertThat(ran).containsExactlyElementsOf(expected);
        } finally {
            loop.close();
        }
    }

    private static Object readyQueue(BaseEventLoop loop) {
        try {
            Field f = BaseEventLoop.class.getDeclaredField("ready");
            f.setAccessible(true);
            return f.get(loop);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
