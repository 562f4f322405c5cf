package dev.aiobridge.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A background load for the "loaded" measures: one busy platform thread per core, started in a trial's
 * setup and stopped in its teardown, so that the other side of a hand-off has to wait for a core. The
 * benchmarks that can run loaded start it in their own setup when their fork has {@link Flags#LOADED}: a
 * loaded measure is the same class in a fork with that flag.
 */
final class Load {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    /** Keeps the busy loops' work observable. */
    volatile long sink;

    private Load() {
    }

    /** The system property that asks for the load ({@link Flags#LOADED}). */
    static final String PROPERTY = "aiobridge.benchmarks.load";

    /** Starts the load when this fork asks for it ({@link Flags#LOADED}); otherwise null. */
    static Load startIfAsked() {
        return Boolean.getBoolean(PROPERTY) ? start() : null;
    }

    /** Stops {@code load}, if there is one. */
    static void stop(Load load) throws InterruptedException {
        if (load != null) {
            load.stop();
        }
    }

    /** Starts one busy thread per available processor. */
    private static Load start() {
        Load load = new Load();
        int n = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < n; i++) {
            Thread t = Thread.ofPlatform().daemon().name("bench-load-" + i).unstarted(load::spin);
            load.threads.add(t);
            t.start();
        }
        return load;
    }

    private void spin() {
        long x = 0;
        while (running) {
            for (int i = 0; i < 1_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
    }

    /** Stops the busy threads and waits for them. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
    }
}
