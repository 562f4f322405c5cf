package dev.aiobridge.benchmarks;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoopThread;
import org.openjdk.jmh.annotations.Fork;

/**
 * P8tv: {@link PublishOnThreads} with the loop on a virtual thread (what Spring's
 * {@code aiobridge.thread-kind=auto} gives on the threads engine): an idle loop is woken through the JDK's
 * poller. Same fixed, pre-touched heap as {@link PublishOn}.
 */
@Fork(value = 1, jvmArgsAppend = {Flags.THREADS, "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class PublishOnVirtualLoop extends PublishOn {
    @Override
    EventLoopThread startLoop() {
        return EventLoopThread.start(Thread.ofVirtual().name("bench-loop"), AsyncIO::newEventLoop);
    }
}
