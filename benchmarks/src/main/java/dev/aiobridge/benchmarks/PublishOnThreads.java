package dev.aiobridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * P8t, P8ts: {@link PublishOn} on the threads engine. {@code benchmarks/run} runs its P8 lines
 * ({@code loopTasks}, {@code singleTasks}: the scheduler's per-task path); the others are there to run by hand.
 * Same fixed, pre-touched heap as {@link PublishOn}.
 */
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS, "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class PublishOnThreads extends PublishOn {
}
