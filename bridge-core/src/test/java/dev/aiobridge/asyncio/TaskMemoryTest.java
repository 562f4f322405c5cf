package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiobridge.coroutine.Coroutine;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * P6, memory per task: what a task costs is a handful of objects, each fold of which is checked here.
 * A task is its own step handle in the loop's ready queue and its own wakeup on the future it awaits
 * (no handle object per task), and creating one allocates only the task, its coroutine (whose frame is
 * also its await scope), the body and the context copy.
 */
class TaskMemoryTest {

    /**
     * Bytes per {@code createTask} of a coroutine, on the calling thread (both engines: the fiber is made
     * at the first step): Task 80, Coroutine 24, its frame 48, the body lambda 16, the Context copy 24,
     * and about 13 for the loop's ready queue growing its array (205); 224 leaves 19 for the JVM. A
     * Task.Wakeup per task (40), a separate await scope (24, with 8 more in the frame) or a name string
     * made for nothing (about 60) each go over it.
     */
    @Test
    void creatingATaskAllocatesOnlyItsFewObjects() throws Throwable {
        MethodHandle allocated = allocatedBytesOfThisThread();
        int n = 4000;
        long perTask = 0;
        for (int round = 0; round < 2; round++) { // the first round loads and initializes the classes
            // Created on this (platform) thread before the loop runs: on either engine, the thread whose
            // allocations the counter sees (a virtual thread's are not counted).
            SelectorEventLoop loop = AsyncIO.newEventLoop();
            try {
                Future<Void> gate = loop.createFuture();
                List<Task<Void>> tasks = new ArrayList<>(n);
                long before = (long) allocated.invokeExact();
                for (int i = 0; i < n; i++) {
                    tasks.add(loop.createTask(Coroutine.ofVoid(b -> b.await(gate))));
                }
                perTask = ((long) allocated.invokeExact() - before) / n;
                gate.setResult(null);
                loop.runUntilComplete(loop.createTask(Coroutine.ofVoid(a -> {
                    for (Task<Void> t : tasks) {
                        a.await(t);
                    }
                })));
            } finally {
                loop.close();
            }
        }
        assertThat(perTask).as("bytes allocated per createTask").isBetween(1L, 224L);
    }

    @Test
    void aScheduledTaskIsItsOwnStepHandle() throws Exception {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            BaseEventLoop loop = (BaseEventLoop) AsyncIO.getRunningLoop();
            Task<Void> task = AsyncIO.createTask(Coroutine.ofVoid(b -> { }));
            ArrayDeque<?> ready = (ArrayDeque<?>) field(BaseEventLoop.class, "ready").get(loop);
            assertThat(ready.peekLast()).isSameAs(task);
            a.await(task);
        }));
    }

    @Test
    void aWaitingTaskIsItsOwnWakeupOnTheFuture() throws Exception {
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Future<String> future = AsyncIO.getRunningLoop().createFuture();
            Task<String> task = AsyncIO.createTask(Coroutine.of(b -> b.await(future)));
            a.await(AsyncIO.sleep(0)); // the task's first step: it waits for the future now
            assertThat(field(Future.class, "callback0").get(future)).isSameAs(task);
            // The registration is the task's wakeup, not the task: removing "the task" removes nothing.
            assertThat(future.removeDoneCallback(task)).isZero();
            future.setResult("done");
            assertThat(a.await(task)).isEqualTo("done");
        }));
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /**
     * {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}, found reflectively: the
     * module does not read java.management (reflection does not need to).
     */
    private static MethodHandle allocatedBytesOfThisThread() throws ReflectiveOperationException {
        Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
        return MethodHandles.publicLookup()
                .findVirtual(type, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
                .bindTo(bean);
    }
}
