package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** P1tl: the threads engine's send round trip with one busy thread per core beside it (see {@link Load}). */
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS, Flags.LOADED})
public class GeneratorSendThreadsLoaded extends GeneratorSendThreads {
}
