package dev.aiobridge.asyncio;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The {@link IoHandler} over a {@link Selector} (Netty's {@code NioIoHandler}): waits in it, hands each
 * selected key to the loop, and registers channels for the loop.
 *
 * <p>A selector that fails ({@code select} raises an {@link IOException}) is replaced, Netty's
 * discipline: a new selector is opened and every valid registration (channel, interest, attachment) is
 * moved to it, so no reader or writer is lost. The first failure of a streak is reported once to the
 * loop's exception handler; while failures go on, each rebuild waits first, twice as long as the last
 * one (10 ms, 20 ms, ... at most {@link #MAX_BACKOFF_MILLIS}), so a broken selector neither spins the
 * loop's thread nor floods the handler. A successful select ends the streak.
 */
final class NioIoHandler implements IoHandler {

    /** Opens a selector: {@link Selector#open()}, or, in tests, one that fails. */
    @FunctionalInterface
    interface Opener {
        /** A new, open selector. */
        Selector open() throws IOException;
    }

    /** The longest wait before a rebuild while the selector keeps failing. */
    static final long MAX_BACKOFF_MILLIS = 1000;
    private static final long FIRST_BACKOFF_MILLIS = 10;

    private final Opener opener;
    private final Consumer<SelectionKey> onReady;
    private final BooleanSupplier watching;
    private final Consumer<ExceptionContext> report;
    /** Read by other threads in {@link #wakeup()}; replaced only on the loop's thread. */
    private volatile Selector selector;
    /** Consecutive failed selects (0: the last select worked). */
    private int failures;

    /**
     * A handler over a selector made by {@code opener}. {@code onReady} gets each selected key;
     * {@code watching} says whether any channel has an interest (if not, a non-blocking poll is
     * skipped); {@code report} receives the report of a failing selector.
     */
    NioIoHandler(Opener opener, Consumer<SelectionKey> onReady, BooleanSupplier watching,
                 Consumer<ExceptionContext> report) {
        this.opener = opener;
        this.onReady = onReady;
        this.watching = watching;
        this.report = report;
        try {
            this.selector = opener.open();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open a selector", e);
        }
    }

    @Override
    public void select(long timeoutNanos) {
        Selector s = selector;
        try {
            if (timeoutNanos == 0) {
                if (!watching.getAsBoolean()) {
                    return; // nothing to poll: no system call
                }
                s.selectNow();
            } else if (timeoutNanos < 0) {
                s.select();
            } else {
                s.select(Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
            }
        } catch (IOException | RuntimeException e) {
            selectFailed(e);
            return;
        }
        failures = 0;
        Iterator<SelectionKey> it = s.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            onReady.accept(key);
        }
    }

    /** A failed select: report the first of a streak, back off, and move the registrations to a new selector. */
    private void selectFailed(Exception e) {
        failures++;
        if (failures == 1) {
            report.accept(ExceptionContext.of("the selector failed; it is replaced by a new one with the same "
                    + "registrations", e));
        } else {
            backOff(Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures - 2, 10)));
        }
        rebuild();
    }

    private static void backOff(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Netty's {@code rebuildSelector0}: a new selector with every valid registration of the old one. */
    private void rebuild() {
        Selector old = selector;
        Selector fresh;
        try {
            fresh = opener.open();
        } catch (IOException e) {
            return; // keep the old one; the next failure tries again, after a longer wait
        }
        for (SelectionKey key : old.keys()) {
            try {
                if (key.isValid() && key.channel().keyFor(fresh) == null) {
                    int ops = key.interestOps();
                    Object attachment = key.attachment();
                    key.cancel();
                    key.channel().register(fresh, ops, attachment);
                }
            } catch (CancelledKeyException | ClosedChannelException closed) {
                // the channel was closed meanwhile: nothing to move
            }
        }
        selector = fresh;
        try {
            old.close();
        } catch (IOException ignored) {
            // the old selector is dropped either way; its failure was reported
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        Selector s = selector;
        try {
            for (SelectionKey key : s.keys()) {
                key.cancel();
            }
            s.close();
        } catch (IOException e) {
            report.accept(ExceptionContext.of("closing the selector failed", e));
        }
    }

    /** The key of {@code channel} in the current selector, or null. */
    SelectionKey keyFor(SelectableChannel channel) {
        return channel.keyFor(selector);
    }

    /** Registers {@code channel} with no interest yet, carrying {@code attachment}. */
    SelectionKey register(SelectableChannel channel, Object attachment) throws ClosedChannelException {
        return channel.register(selector, 0, attachment);
    }

    /**
     * Deregisters the keys cancelled since the last select (a non-blocking select), so their channels can
     * be closed at once; the keys it finds ready stay selected and are handed to the loop by the next
     * {@link #select}.
     */
    void deregisterCancelled() throws IOException {
        selector.selectNow();
    }

    /** The keys of the current selector (none once it is closed). */
    java.util.Set<SelectionKey> keys() {
        Selector s = selector;
        return s.isOpen() ? s.keys() : java.util.Set.of();
    }
}
