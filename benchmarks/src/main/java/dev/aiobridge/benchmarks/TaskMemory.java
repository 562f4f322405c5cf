package dev.aiobridge.benchmarks;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Generator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * P6: bytes of heap per suspended task, with N tasks all awaiting one future (as
 * {@code python/p6_task_memory.py} measures with tracemalloc). Heap in use after full collections,
 * before and after the tasks are suspended, divided by N. Prints one line: {@code P6 <bytes> bytes/task}.
 */
public final class TaskMemory {
    private TaskMemory() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long result = 0;
        for (int round = 0; round <= warmups; round++) {
            result = measure(n); // the first rounds warm the JIT up: compiled frames are what a service keeps
        }
        System.out.println("P6 " + result + " bytes/task engine=" + Generator.engine() + " tasks=" + n);
    }

    private static long measure(int n) {
        long[] perTask = new long[1];
        AsyncIO.run(Coroutine.ofVoid(a -> {
            EventLoop loop = AsyncIO.getRunningLoop();
            Future<Void> gate = loop.createFuture();
            long before = usedAfterGc();
            List<Task<Void>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(AsyncIO.createTask(Coroutine.ofVoid(b -> b.await(gate))));
            }
            a.await(AsyncIO.sleep(0)); // every task ran its first step and now waits on the gate
            a.await(AsyncIO.sleep(0));
            long after = usedAfterGc();
            perTask[0] = (after - before) / n;
            gate.setResult(null);
            for (Task<Void> t : tasks) {
                a.await(t);
            }
        }));
        return perTask[0];
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
