package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P1tlv and T2klv: {@link VirtualCaller}'s send and its 2,000 tasks with one busy thread per core beside it
 * (see {@link Load}).
 */
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS})
public class VirtualCallerLoaded extends VirtualCaller {
    private Load load;

    @Setup(Level.Trial)
    public void startLoad() {
        load = Load.start();
    }

    @TearDown(Level.Trial)
    public void stopLoad() throws InterruptedException {
        load.stop();
    }
}
