package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** T2k and T1M on the threads engine: {@link TaskScale} with a virtual thread per task. */
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS})
public class TaskScaleThreads extends TaskScale {
}
