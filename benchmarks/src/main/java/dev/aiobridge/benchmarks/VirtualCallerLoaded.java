package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * P1tlv and T2klv: {@link VirtualCaller}'s send and its 2,000 tasks with one busy thread per core beside it
 * (see {@link Load}).
 */
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS, Flags.LOADED})
public class VirtualCallerLoaded extends VirtualCaller {
}
