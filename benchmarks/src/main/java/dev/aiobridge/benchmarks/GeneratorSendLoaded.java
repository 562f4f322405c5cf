package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/** P1tl's denominator: the jdk engine's send round trip under the same load (see {@link Load}). */
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK})
public class GeneratorSendLoaded extends GeneratorSend {
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
