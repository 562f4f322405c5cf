package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** P1tl's denominator: the jdk engine's send round trip under the same load (see {@link Load}). */
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORT, Flags.JDK, Flags.LOADED})
public class GeneratorSendLoaded extends GeneratorSend {
}
