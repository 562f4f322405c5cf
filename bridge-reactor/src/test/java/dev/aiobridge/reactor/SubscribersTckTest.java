package dev.aiobridge.reactor;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.EventLoopThread;
import dev.aiobridge.asyncio.Future;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The Reactive Streams TCK for the subscriber behind awaiting a Publisher in a coroutine. */
public class SubscribersTckTest extends SubscriberBlackboxVerification<Integer> {
    private EventLoopThread loopThread;

    public SubscribersTckTest() {
        super(new TestEnvironment(1000, 50));
    }

    @BeforeClass
    public void startLoop() {
        loopThread = EventLoopThread.start("tck-subscriber");
    }

    @AfterClass
    public void stopLoop() {
        loopThread.close();
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        EventLoop loop = loopThread.getLoop();
        Future<Integer> result = new Future<>(loop);
        return new PublisherAwaitable.FirstValue<>(loop, result, reactor.util.context.Context.empty());
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
