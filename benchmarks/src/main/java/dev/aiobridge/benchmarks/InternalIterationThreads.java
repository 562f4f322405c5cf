package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** P1i on the threads engine: {@link InternalIteration} with the generator on a virtual thread. */
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS})
public class InternalIterationThreads extends InternalIteration {
    @Override
    String engine() {
        return "threads";
    }
}
