package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * T2kl: {@link TaskScaleThreads} (a platform-thread loop, the threads engine) with one busy thread per core
 * beside it (see {@link Load}).
 */
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS, Flags.LOADED})
public class TaskScaleThreadsLoaded extends TaskScaleThreads {
}
