package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.coroutine.AsyncGenerator;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The Reactive Streams TCK for an async generator as a Flux on a loop. */
public class AsyncGeneratorFluxTckTest extends PublisherVerification<Long> {
    private EventLoopThread loopThread;

    public AsyncGeneratorFluxTckTest() {
        super(new TestEnvironment(1000, 50));
    }

    @BeforeClass
    public void startLoop() {
        loopThread = EventLoopThread.start("tck-agen");
    }

    @AfterClass
    public void stopLoop() {
        loopThread.close();
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorBridge.flux(loopThread.getLoop(), () -> AsyncGenerator.<Long>of(g -> {
            for (long i = 0; i < elements; i++) {
                if (i % 7 == 0) {
                    g.await(AsyncIO.sleep(0));
                }
                g.yield(i);
            }
        }));
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        // unable to serve: the async generator factory fails at subscribe
        return ReactorBridge.<Long>flux(loopThread.getLoop(), () -> {
            throw new IllegalStateException("failed on purpose");
        });
    }
}
