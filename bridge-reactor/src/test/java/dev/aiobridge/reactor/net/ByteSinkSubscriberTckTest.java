package dev.aiobridge.reactor.net;

import java.nio.ByteBuffer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The Reactive Streams TCK for the subscriber that writes a Publisher's buffers into a loopback connection. */
public class ByteSinkSubscriberTckTest extends SubscriberBlackboxVerification<ByteBuffer> {
    private Loopback net;

    public ByteSinkSubscriberTckTest() {
        super(new TestEnvironment(1000, 50));
    }

    @BeforeClass
    public void startLoopback() {
        net = new Loopback("tck-byte-sink");
    }

    @AfterClass
    public void closeLoopback() {
        net.close();
    }

    @Override
    public Subscriber<ByteBuffer> createSubscriber() {
        Loopback.Pair c = net.connect(64 * 1024);
        return net.run(a -> {
            WriteSubscriber s = new WriteSubscriber(c.ours().writer(), reactor.util.context.Context.empty());
            s.start();
            return s;
        });
    }

    @Override
    public ByteBuffer createElement(int element) {
        return ByteBuffer.wrap(new byte[] {(byte) element});
    }
}
