package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.coroutine.Coroutine;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The Reactive Streams TCK for a coroutine as a Mono. */
public class TaskMonoTckTest extends PublisherVerification<String> {
    private EventLoopThread loopThread;

    public TaskMonoTckTest() {
        super(new TestEnvironment(1000, 50));
    }

    @BeforeClass
    public void startLoop() {
        loopThread = EventLoopThread.start("tck-mono");
    }

    @AfterClass
    public void stopLoop() {
        loopThread.close();
    }

    @Override
    public Publisher<String> createPublisher(long elements) {
        return ReactorBridge.mono(loopThread.getLoop(), () -> Coroutine.of(a -> {
            a.await(AsyncIO.sleep(0));
            return "value";
        }));
    }

    @Override
    public Publisher<String> createFailedPublisher() {
        return ReactorBridge.mono(loopThread.getLoop(), () -> Coroutine.of(a -> {
            throw new IllegalStateException("failed on purpose");
        }));
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
