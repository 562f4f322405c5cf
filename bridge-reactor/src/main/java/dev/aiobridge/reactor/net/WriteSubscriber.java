package dev.aiobridge.reactor.net;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.streams.StreamWriter;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.ContextView;

/**
 * The subscriber behind {@link ByteSink}: it writes each buffer into a {@link StreamWriter} on the writer's
 * loop and requests the next one only as {@code drain} allows.
 *
 * <p>Invariant: at most one buffer is requested and not yet written, or one drain is pending, never both;
 * the request for the next buffer is made either right after a write that left the transport's buffer at
 * or below its high-water mark, or when the drain of a write that went above it returns. Signals may come
 * from any thread: each enters the loop through {@code callSoonThreadsafe}, in order, so writes keep
 * upstream's order and the end follows the last write. {@link #done()}, {@code draining}
 * and {@code closeWatch} are the loop thread's only; {@link #start()} runs there before the subscription.
 */
final class WriteSubscriber implements CoreSubscriber<ByteBuffer> {
    private final StreamWriter writer;
    private final EventLoop loop;
    private final reactor.util.context.Context context;
    private volatile Subscription upstream;
    private static final AtomicReferenceFieldUpdater<WriteSubscriber, Subscription> UPSTREAM =
            AtomicReferenceFieldUpdater.newUpdater(WriteSubscriber.class, Subscription.class, "upstream");

    private final Future<Void> done;
    private Task<Void> draining;
    private Future<Void> closeWatch;

    /** A subscriber writing into {@code writer}; {@code context} is what upstream sees as its subscriber's. */
    WriteSubscriber(StreamWriter writer, ContextView context) {
        this.writer = writer;
        this.context = reactor.util.context.Context.of(context);
        this.loop = writer.getLoop();
        this.done = loop.createFuture();
    }

    /**
     * On the loop, before subscribing: watches the connection, so that one closed or broken while upstream
     * is still to send fails the sink at once (and cancels upstream) instead of waiting for a next write.
     */
    void start() {
        Future<Void> w = writer.whenClosed();
        closeWatch = w;
        w.addDoneCallback(this::connectionClosed);
    }

    private void connectionClosed(Future<Void> w) {
        if (w.isCancelled()) {
            return;
        }
        Throwable broken = w.exception(); // retrieved even when nobody waits any more
        if (!done.isDone()) {
            fail(broken != null ? broken : new SocketException("Connection lost"));
        }
    }

    /** Done when upstream ended and every buffer went to the transport; failed with upstream's or the connection's error. */
    Future<Void> done() {
        return done;
    }

    @Override
    public reactor.util.context.Context currentContext() {
        return context;
    }

    @Override
    public void onSubscribe(Subscription s) {
        Objects.requireNonNull(s, "onSubscribe(null): RS §2.13");
        if (Operators.setOnce(UPSTREAM, this, s)) { // a second one is cancelled (§2.5)
            s.request(1);
        }
    }

    @Override
    public void onNext(ByteBuffer data) {
        Objects.requireNonNull(data, "onNext(null): RS §2.13");
        enter(() -> write(data));
    }

    @Override
    public void onError(Throwable t) {
        Objects.requireNonNull(t, "onError(null): RS §2.13");
        enter(() -> finish(t));
    }

    @Override
    public void onComplete() {
        enter(() -> finish(null));
    }

    private void enter(Runnable onLoop) {
        if (!loop.offerThreadsafe(onLoop)) {
            Operators.terminate(UPSTREAM, this); // the loop is gone: nothing can be written any more
        }
    }

    private void write(ByteBuffer data) {
        if (done.isDone()) {
            return; // after a failure or a dispose: dropped, as a closed transport drops writes
        }
        try {
            writer.write(data);
        } catch (Throwable e) { // e.g. a write after writeEof
            fail(e);
            return;
        }
        if (writer.isClosing() || writer.transport().getWriteBufferSize() > writer.transport().getWriteBufferLimits().high()) {
            // drain() would wait (or raise what broke the connection): request the next buffer after it
            Task<Void> d = loop.createTask(writer.drain());
            draining = d;
            d.addDoneCallback(this::drained);
        } else {
            request();
        }
    }

    private void drained(Future<Void> d) {
        if (draining == d) {
            draining = null;
        }
        if (d.isCancelled()) {
            return;
        }
        Throwable broken = d.exception(); // retrieved even when nobody waits any more
        if (done.isDone()) {
            return;
        }
        if (broken != null) {
            fail(broken);
        } else {
            request();
        }
    }

    private void request() {
        Subscription s = upstream;
        if (s != null && s != Operators.cancelledSubscription()) {
            s.request(1);
        }
    }

    /** The connection broke (or a write was refused): upstream is cancelled and the sink fails. */
    private void fail(Throwable e) {
        Operators.terminate(UPSTREAM, this);
        finish(e);
    }

    private void finish(Throwable error) {
        if (done.isDone()) {
            return;
        }
        if (error == null) {
            done.setResult(null);
        } else {
            done.setException(error);
        }
    }

    /** On the loop: cancels upstream (nothing if it ended) and a pending drain; later signals are dropped. */
    void dispose() {
        Operators.terminate(UPSTREAM, this);
        Future<Void> w = closeWatch;
        if (w != null) {
            closeWatch = null;
            w.cancel();
        }
        Task<Void> d = draining;
        if (d != null) {
            draining = null;
            d.cancel();
        }
        if (!done.isDone()) {
            done.cancel();
        }
    }
}
