package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.internal.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 100k tasks in nested TaskGroups, cancelled at random points (fixed seed), on a virtual clock.
 * Afterwards no task is pending, every finally block of a task that started ran, and no fiber
 * (continuation or virtual thread) is left.
 */
class CancellationStormTest {
    private static final int GROUPS = 10;
    private static final int MIDS_PER_GROUP = 100;
    private static final int LEAVES_PER_MID = 100;

    @Test
    void aHundredThousandTasksCancelledAtRandomLeaveNothingBehind() {
        long fibersBefore = Engine.liveFibers();
        Random random = new Random(20261124L);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finallies = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        List<Task<?>> everyTask = new ArrayList<>();
        VirtualTimeEventLoop[] loopRef = new VirtualTimeEventLoop[1];

        try (Runner runner = new Runner(VirtualTimeEventLoop::new)) {
            runner.run(Coroutine.ofVoid("storm", a -> {
                loopRef[0] = (VirtualTimeEventLoop) AsyncIO.getRunningLoop();
                Task<Void> canceller = AsyncIO.createTask(Coroutine.ofVoid("canceller", c -> {
                    for (int round = 0; round < 200; round++) {
                        c.await(AsyncIO.sleep(random.nextDouble() * 0.05));
                        for (int k = 0; k < 300 && !everyTask.isEmpty(); k++) {
                            everyTask.get(random.nextInt(everyTask.size())).cancel("storm");
                        }
                    }
                }), "canceller");
                TaskGroup top = new TaskGroup();
                top.with(a, () -> {
                    for (int g = 0; g < GROUPS; g++) {
                        everyTask.add(top.createTask(Coroutine.ofVoid("group", ga -> {
                            TaskGroup mids = new TaskGroup();
                            mids.with(ga, () -> {
                                for (int m = 0; m < MIDS_PER_GROUP; m++) {
                                    everyTask.add(mids.createTask(Coroutine.ofVoid("mid", ma -> {
                                        TaskGroup leaves = new TaskGroup();
                                        leaves.with(ma, () -> {
                                            for (int l = 0; l < LEAVES_PER_MID; l++) {
                                                double delay = random.nextDouble() * 2;
                                                everyTask.add(leaves.createTask(Coroutine.ofVoid("leaf", la -> {
                                                    started.incrementAndGet();
                                                    try {
                                                        la.await(AsyncIO.sleep(delay));
                                                        la.await(AsyncIO.sleep(0));
                                                        completed.incrementAndGet();
                                                    } finally {
                                                        finallies.incrementAndGet();
                                                    }
                                                })));
                                            }
                                        });
                                    })));
                                }
                            });
                        })));
                    }
                });
                canceller.cancel();
                try {
                    a.await(canceller);
                } catch (CancelledError expected) {
                    // the canceller is done either way
                }
            }));
        }

        int leaves = GROUPS * MIDS_PER_GROUP * LEAVES_PER_MID;
        assertThat(everyTask).hasSize(GROUPS + GROUPS * MIDS_PER_GROUP + leaves);
        assertThat(everyTask).allSatisfy(t -> assertThat(t.isDone()).isTrue());
        assertThat(everyTask.stream().filter(Task::isCancelled).count()).isPositive();
        assertThat(completed.get()).isPositive().isLessThan(leaves);
        assertThat(finallies.get()).isEqualTo(started.get());
        assertThat(AsyncIO.allTasks(loopRef[0])).isEmpty();
        assertThat(loopRef[0].isClosed()).isTrue();
        assertThat(Engine.liveFibers()).isEqualTo(fibersBefore);
    }
}
