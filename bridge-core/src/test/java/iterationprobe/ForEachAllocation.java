package iterationprobe;

import dev.aiobridge.generator.Generator;
import java.lang.management.ManagementFactory;

/**
 * A {@code forEach} over a generator of boxed integers, once the JIT has compiled both the body and what
 * starts it (run by {@code InternalIterationCompiledTest} in a JVM of its own, so that no other generator
 * shares the JIT's profiles): prints the engine and the heap bytes allocated per item.
 */
public final class ForEachAllocation {
    /** Short generators first: enough starts for the JIT to compile what starts a body, as a service's would. */
    private static final int WARM_GENERATORS = 20_000;
    private static final int WARM_ITEMS = 1_000;
    /**
     * Then long ones, whose own objects weigh little per item, in rounds: the fewest bytes of any round
     * count (a loaded machine may compile late, never early).
     */
    private static final int ROUNDS = 30;
    private static final int MEASURED_GENERATORS = 10;
    private static final int MEASURED_ITEMS = 100_000;

    private ForEachAllocation() {
    }

    static Generator<Integer, Object, Void> upTo(int n) {
        return Generator.ofVoid(g -> {
            for (int i = 1; i <= n; i++) {
                g.yield(i);
            }
        });
    }

    static long sum(int n) {
        long[] total = {0};
        upTo(n).forEach(v -> total[0] += v);
        return total[0];
    }

    /** Prints {@code engine <name>}, {@code sum <sum of 1..MEASURED_ITEMS>} and {@code bytes per item <b>}. */
    public static void main(String[] args) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_GENERATORS; i++) {
            sum(WARM_ITEMS);
        }
        long sum = 0;
        double fewest = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS && fewest >= 0.5; round++) {
            long before = allocatedByAllThreads(threads);
            for (int i = 0; i < MEASURED_GENERATORS; i++) {
                sum = sum(MEASURED_ITEMS);
            }
            long bytes = allocatedByAllThreads(threads) - before;
            fewest = Math.min(fewest, bytes / ((double) MEASURED_GENERATORS * MEASURED_ITEMS));
        }
        System.out.println("engine " + Generator.engine());
        System.out.println("sum " + sum);
        System.out.println("bytes per item " + fewest);
    }

    /**
     * What the live platform threads allocated so far: the carriers of virtual threads included (a virtual
     * thread allocates on its carrier's account).
     */
    private static long allocatedByAllThreads(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }
}
