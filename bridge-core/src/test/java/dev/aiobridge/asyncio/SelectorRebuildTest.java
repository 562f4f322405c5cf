package dev.aiobridge.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelectionKey;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The loop survives a failing selector (Netty's discipline): on an IOException from select it opens a
 * new selector with the same registrations, reports the failure once per streak, and backs off while
 * failures go on, instead of spinning and flooding the exception handler.
 */
class SelectorRebuildTest {

    @Test
    void oneFailureRebuildsTheSelectorKeepsTheReaderAndReportsOnce() throws Exception {
        readerSurvives(1);
    }

    @Test
    void aStreakOfFailuresIsReportedOnceAndTheLoopRecovers() throws Exception {
        readerSurvives(4);
    }

    private static void readerSurvives(int failingSelectors) throws Exception {
        AtomicInteger opened = new AtomicInteger();
        SelectorEventLoop loop = new SelectorEventLoop(() -> opened.getAndIncrement() < failingSelectors
                ? new FailingSelector() : Selector.open());
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            pipe.sink().write(ByteBuffer.wrap(new byte[] {42}));
            List<Byte> received = new ArrayList<>();
            loop.addReader(pipe.source(), () -> {
                ByteBuffer buf = ByteBuffer.allocate(8);
                try {
                    pipe.source().read(buf);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                received.add(buf.get(0));
                loop.removeReader(pipe.source());
                loop.stop();
            });
            TimerHandle safetyNet = loop.callLater(30, loop::stop); // a broken rebuild fails the test, not hangs it
            loop.runForever();
            safetyNet.cancel();

            assertThat(received).containsExactly((byte) 42);
            assertThat(opened.get()).isEqualTo(failingSelectors + 1);
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).message()).contains("selector failed");
            assertThat(reports.get(0).exception()).isInstanceOf(IOException.class).hasMessage("injected");
            assertThat(loop.registeredChannels()).isZero();
        } finally {
            loop.close();
            pipe.source().close();
            pipe.sink().close();
        }
    }

    /** A selector whose every select raises; it registers channels like any other. */
    private static final class FailingSelector extends AbstractSelector {
        private final Set<SelectionKey> keys = new HashSet<>();

        FailingSelector() {
            super(SelectorProvider.provider());
        }

        @Override
        protected void implCloseSelector() {
            for (SelectionKey key : keys) {
                deregister((AbstractSelectionKey) key);
            }
            keys.clear();
        }

        @Override
        protected SelectionKey register(AbstractSelectableChannel ch, int ops, Object att) {
            Key key = new Key(ch, this, ops);
            key.attach(att);
            keys.add(key);
            return key;
        }

        @Override
        public Set<SelectionKey> keys() {
            return keys;
        }

        @Override
        public Set<SelectionKey> selectedKeys() {
            return new HashSet<>();
        }

        @Override
        public int selectNow() throws IOException {
            throw new IOException("injected");
        }

        @Override
        public int select(long timeout) throws IOException {
            throw new IOException("injected");
        }

        @Override
        public int select() throws IOException {
            throw new IOException("injected");
        }

        @Override
        public Selector wakeup() {
            return this;
        }
    }

    private static final class Key extends AbstractSelectionKey {
        private final AbstractSelectableChannel channel;
        private final Selector selector;
        private int interest;

        Key(AbstractSelectableChannel channel, Selector selector, int interest) {
            this.channel = channel;
            this.selector = selector;
            this.interest = interest;
        }

        @Override
        public java.nio.channels.SelectableChannel channel() {
            return channel;
        }

        @Override
        public Selector selector() {
            return selector;
        }

        @Override
        public int interestOps() {
            return interest;
        }

        @Override
        public SelectionKey interestOps(int ops) {
            interest = ops;
            return this;
        }

        @Override
        public int readyOps() {
            return 0;
        }
    }
}
