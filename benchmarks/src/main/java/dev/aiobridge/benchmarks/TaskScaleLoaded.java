package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * The denominator of T2kl and T2klv: the jdk engine's {@link TaskScale} with one busy thread per core beside
 * it (see {@link Load}).
 */
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK, Flags.LOADED})
public class TaskScaleLoaded extends TaskScale {
}
