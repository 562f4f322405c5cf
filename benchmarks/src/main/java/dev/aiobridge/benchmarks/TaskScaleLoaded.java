package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The denominator of T2kl and T2klv: the jdk engine's {@link TaskScale} with one busy thread per core beside
 * it (see {@link Load}).
 */
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK})
public class TaskScaleLoaded extends TaskScale {
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
