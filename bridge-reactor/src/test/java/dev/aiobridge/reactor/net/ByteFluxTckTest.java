package dev.aiobridge.reactor.net;

import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import java.net.SocketException;
import java.nio.ByteBuffer;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK for a connection's bytes as a Flux, over loopback connections: the peer sends
 * {@code elements} bytes and ends the stream, and our reader's limit of one byte makes each byte one
 * element; a long stream is a peer that sends until the connection closes.
 */
public class ByteFluxTckTest extends PublisherVerification<ByteBuffer> {
    private static final long ENDLESS = 4096;
    private Loopback net;

    public ByteFluxTckTest() {
        super(new TestEnvironment(1000, 50));
    }

    @BeforeClass
    public void startLoopback() {
        net = new Loopback("tck-byte-flux");
    }

    @AfterClass
    public void closeLoopback() {
        net.close();
    }

    @Override
    public Publisher<ByteBuffer> createPublisher(long elements) {
        Loopback.Pair c = net.connect(1);
        StreamWriter peer = c.peer().writer();
        if (elements < ENDLESS) {
            net.run(a -> {
                peer.write(new byte[(int) elements]);
                peer.writeEof();
                return null;
            });
        } else {
            net.run(a -> {
                dev.aiobridge.asyncio.AsyncIO.createTask(dev.aiobridge.coroutine.Coroutine.ofVoid(s -> {
                    byte[] block = new byte[1024];
                    while (!peer.isClosing()) { // until our side closes (a cancel) and the peer's drain fails
                        peer.write(block);
                        s.await(peer.drain());
                    }
                }));
                return null;
            });
        }
        return ByteFlux.from(c.ours()); // a cancel closes the connection
    }

    @Override
    public Publisher<ByteBuffer> createFailedPublisher() {
        StreamReader broken = new StreamReader(1, net.loop);
        broken.setException(new SocketException("Connection reset"));
        return ByteFlux.from(broken);
    }

    @Override
    public long maxElementsFromPublisher() {
        return Long.MAX_VALUE - 1;
    }
}
