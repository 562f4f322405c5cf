package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/** P8t: {@link PublishOn} on the threads engine (the loop scheduler and {@code Schedulers.single()}). */
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS})
public class PublishOnThreads extends PublishOn {
}
