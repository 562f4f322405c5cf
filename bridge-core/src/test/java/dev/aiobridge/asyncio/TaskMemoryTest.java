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
 * (no handle object per task); creating one allocates only the task, its coroutine (whose frame is also
 * its await scope and holds its code) and the body (the task shares its creator's context snapshot);
 * suspended, it holds only the task, the coroutine, the frame (which is also the state of its stack: no
 * object between it and its fiber) and the engine's fiber.
 */
class TaskMemoryTest {

    /**
     * Bytes per {@code createTask} of a coroutine, on the calling thread (both engines: the fiber is made
     * at the first step): Task 72, Coroutine 24, its frame 48, the body lambda 16, and about 13 for the
     * loop's ready queue growing its array: 172 measured on both engines; 178 leaves 6 for the JVM. A Context
     * copy per task (24), a Task or a frame one field too big (8, objects align to 8), a Task.Wakeup per
     * task (40), a separate await scope (24) or a name string made for nothing (about 60) each go over it.
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
        assertThat(perTask).as("bytes allocated per createTask").isBetween(1L, 178L);
    }

    /**
     * A suspended task holds, of aiobridge's objects, the task, its coroutine and the coroutine's frame,
     * and then only the engine's fiber (the jdk engine's is the bare continuation, not ours): no stack
     * object between the frame and its fiber, no handle, no context of its own, and not the body's code
     * (only its running call holds it). Found by following the fields that the task owns (not the loop,
     * the awaited future, the shared context or the loop's other tasks).
     */
    @Test
    void aSuspendedTaskHoldsOnlyTheTaskTheCoroutineAndItsFrame() throws Exception {
        List<String> held = new ArrayList<>();
        AsyncIO.run(Coroutine.ofVoid(a -> {
            Future<Void> gate = AsyncIO.getRunningLoop().createFuture();
            Task<Void> task = AsyncIO.createTask(Coroutine.ofVoid(b -> b.await(gate)));
            a.await(AsyncIO.sleep(0)); // the task's first step: it waits for the gate now
            held.addAll(ownedObjects(task, gate));
            gate.setResult(null);
            a.await(task);
        }));
        assertThat(held).containsExactly("dev.aiobridge.asyncio.Task", "dev.aiobridge.coroutine.Coroutine",
                "dev.aiobridge.coroutine.Coroutine$Scope");
    }

    /** The classes of the aiobridge objects (and test lambdas) reachable from {@code task} through what it owns. */
    private static List<String> ownedObjects(Task<?> task, Future<?> awaited) throws IllegalAccessException {
        List<String> classes = new ArrayList<>();
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        ArrayDeque<Object> todo = new ArrayDeque<>();
        todo.add(task);
        while (!todo.isEmpty()) {
            Object o = todo.poll();
            if (!seen.add(o)) {
                continue;
            }
            String name = o.getClass().getName();
            if (!name.startsWith("dev.aiobridge.") || name.startsWith("dev.aiobridge.internal.engine.")
                    || o instanceof Enum<?>) {
                continue; // the JDK's objects (a continuation), the engine's (a fiber) and constants are not followed
            }
            classes.add(name);
            for (Class<?> c = o.getClass(); c.getName().startsWith("dev.aiobridge."); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    f.setAccessible(true);
                    Object v = f.get(o);
                    if (v == null || v == awaited || (v instanceof Task<?> && v != task) || v instanceof EventLoop
                            || v instanceof dev.aiobridge.context.Context) {
                        continue; // shared with others: the loop, the awaited future, the context, other tasks
                    }
                    todo.add(v);
                }
            }
        }
        return classes;
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
