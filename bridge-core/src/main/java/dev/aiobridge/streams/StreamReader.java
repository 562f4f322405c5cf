package dev.aiobridge.streams;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.coroutine.AsyncIterator;
import dev.aiobridge.coroutine.Awaitable;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.coroutine.InlineAwaitable;
import dev.aiobridge.builtins.StopAsyncIteration;
import dev.aiobridge.generator.Generator;
import dev.aiobridge.generator.Yielder;
import dev.aiobridge.transport.ReadTransport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * asyncio's {@code StreamReader} (CPython 3.13): a buffer fed by a protocol ({@link #feedData},
 * {@link #feedEof}, {@link #setException}) and read by coroutines.
 *
 * <p>Rules, as CPython's: one coroutine at a time may wait for data (a second one that must wait gets
 * "{@code <read>() called while another coroutine is already waiting for incoming data}"; a read that
 * finds its data buffered never waits). With a transport, the reader pauses it when the buffer holds
 * more than 2 &times; limit bytes and resumes it when a read leaves at most limit bytes, or before it must
 * wait. {@link #readuntil} raises {@link LimitOverrunError} with the data kept when the separator is not
 * within the limit; {@link #readline} raises {@link ValueError} and discards the line instead.
 */
public final class StreamReader implements AsyncIterator<byte[]> {
    /** CPython's {@code _DEFAULT_LIMIT}: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final byte[] NEWLINE = {'\n'};

    private final int limit;
    private final EventLoop loop;
    private final ByteQueue buffer = new ByteQueue();
    private boolean eof;
    private Future<Void> waiter;
    private Throwable exception;
    private ReadTransport transport;
    private boolean paused;

    /** A reader with the default limit on the running loop. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /** A reader with {@code limit} on the running loop. */
    public StreamReader(int limit) {
        this(limit, AsyncIO.getRunningLoop());
    }

    /** A reader with {@code limit} on {@code loop}; raises {@link ValueError} if limit &lt;= 0. */
    public StreamReader(int limit, EventLoop loop) {
        if (limit <= 0) {
            throw new ValueError("Limit cannot be <= 0");
        }
        this.limit = limit;
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** The limit this reader was made with. */
    public int limit() {
        return limit;
    }

    /** The loop this reader belongs to: every read, and every feed, happens on its thread. */
    public EventLoop getLoop() {
        return loop;
    }

    /** The exception set by {@link #setException}, or null. */
    public Throwable exception() {
        return exception;
    }

    /** Makes every pending and later read raise {@code exc}. */
    public void setException(Throwable exc) {
        exception = exc;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isCancelled()) {
                w.setException(exc);
            }
        }
    }

    private void wakeupWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isCancelled()) {
                w.setResult(null);
            }
        }
    }

    /** Connects the transport whose reading this reader pauses and resumes. */
    public void setTransport(ReadTransport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        this.transport = transport;
    }

    private void maybeResumeTransport() {
        if (paused && buffer.size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /** The end of the stream: waiting reads return what is buffered. */
    public void feedEof() {
        eof = true;
        wakeupWaiter();
    }

    /** True when the end was fed and the buffer is empty. */
    public boolean atEof() {
        return eof && buffer.isEmpty();
    }

    /** Appends {@code data}; pauses the transport when more than 2 &times; limit bytes are buffered. */
    public void feedData(byte[] data) {
        feedData(data, 0, data.length);
    }

    /** Appends {@code data[offset, offset + length)}. */
    public void feedData(byte[] data, int offset, int length) {
        if (eof) {
            throw new IllegalStateException("feed_data after feed_eof");
        }
        if (length == 0) {
            return;
        }
        buffer.append(data, offset, length);
        wakeupWaiter();
        if (transport != null && !paused && buffer.size() > 2L * limit) {
            try {
                transport.pauseReading();
            } catch (UnsupportedOperationException e) {
                // The transport cannot be paused: forget it, so it is never paused (nor resumed) again.
                transport = null;
                return;
            }
            paused = true;
        }
    }

    /** How many bytes are buffered. */
    public int bufferedSize() {
        return buffer.size();
    }

    /** CPython's {@code _wait_for_data}: the single waiter slot; resumes a paused transport first. */
    private void waitForData(Yielder<Object, Object> scope, String funcName) {
        if (waiter != null) {
            throw new RuntimeError(funcName
                    + "() called while another coroutine is already waiting for incoming data");
        }
        if (eof) {
            throw new IllegalStateException("_wait_for_data after EOF");
        }
        // Waiting for data while paused would be a deadlock: resume first.
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = loop.createFuture();
        waiter = w;
        try {
            w.awaitInline(scope);
        } finally {
            waiter = null;
        }
    }

    /**
     * Reads one line, up to and including {@code \n}. At the end of the stream, the last partial line
     * without newline, then empty arrays. A line longer than the limit raises
     * {@link ValueError} with {@link LimitOverrunError}'s message and is discarded (the
     * whole buffer if it holds no newline).
     */
    public Coroutine<byte[]> readline() {
        return op("readline", this::readlineNow);
    }

    private byte[] readlineNow(Yielder<Object, Object> scope) {
        try {
            return readuntilNow(scope, List.of(NEWLINE));
        } catch (IncompleteReadError e) {
            return e.partial();
        } catch (LimitOverrunError e) {
            if (buffer.startsWith(NEWLINE, e.consumed())) {
                buffer.drop(e.consumed() + NEWLINE.length);
            } else {
                buffer.clear();
            }
            maybeResumeTransport();
            throw new ValueError(e.getMessage());
        }
    }

    /** Reads up to and including {@code separator}; see {@link #readuntil(List)}. */
    public Coroutine<byte[]> readuntil(byte[] separator) {
        Objects.requireNonNull(separator, "separator");
        List<byte[]> one = List.of(separator.clone());
        return op("readuntil", scope -> readuntilNow(scope, one));
    }

    /**
     * Reads until one of {@code separators} (3.13's tuple form): the match that ends first wins (the
     * shortest at the same place). At the end of the stream raises {@link IncompleteReadError} with the
     * buffer as its partial data (the buffer is emptied); when no separator is within the limit raises
     * {@link LimitOverrunError} and keeps the data. An empty separator raises
     * {@link ValueError}.
     */
    public Coroutine<byte[]> readuntil(List<byte[]> separators) {
        List<byte[]> seps = new ArrayList<>();
        for (byte[] s : separators) {
            seps.add(s.clone());
        }
        return op("readuntil", scope -> readuntilNow(scope, seps));
    }

    private byte[] readuntilNow(Yielder<Object, Object> scope, List<byte[]> separators) {
        List<byte[]> seps = new ArrayList<>(separators);
        seps.sort(Comparator.comparingInt(s -> s.length)); // shortest match wins
        if (seps.isEmpty()) {
            throw new ValueError("Separator should contain at least one element");
        }
        int minSeplen = seps.get(0).length;
        int maxSeplen = seps.get(seps.size() - 1).length;
        if (minSeplen == 0) {
            throw new ValueError("Separator should be at least one-byte string");
        }
        if (exception != null) {
            throw rethrow(exception);
        }
        int offset = 0;
        int matchStart;
        int matchEnd;
        while (true) {
            int buflen = buffer.size();
            if (buflen - offset >= minSeplen) {
                matchStart = -1;
                matchEnd = -1;
                for (byte[] sep : seps) {
                    int isep = buffer.find(sep, offset);
                    if (isep != -1) {
                        int end = isep + sep.length;
                        if (matchEnd == -1 || end < matchEnd) {
                            matchEnd = end;
                            matchStart = isep;
                        }
                    }
                }
                if (matchEnd != -1) {
                    break;
                }
                // The next search starts where a separator split across feeds could begin.
                offset = Math.max(0, buflen + 1 - maxSeplen);
                if (offset > limit) {
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            // A complete match may arrive with the last chunk: EOF is checked after the search.
            if (eof) {
                byte[] chunk = buffer.take(buffer.size());
                throw new IncompleteReadError(chunk, null);
            }
            waitForData(scope, "readuntil"); // resumes a paused transport
        }
        if (matchStart > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
        }
        byte[] chunk = buffer.take(matchEnd);
        maybeResumeTransport();
        return chunk;
    }

    /** {@code read(-1)}: everything until the end of the stream. */
    public Coroutine<byte[]> read() {
        return read(-1);
    }

    /**
     * Reads at most {@code n} bytes: what is buffered, or waits for some. {@code n == 0} returns an empty
     * array at once; a negative {@code n} reads until the end of the stream. At the end, empty arrays.
     */
    public Coroutine<byte[]> read(int n) {
        return op("read", scope -> readNow(scope, n));
    }

    private byte[] readNow(Yielder<Object, Object> scope, int n) {
        if (exception != null) {
            throw rethrow(exception);
        }
        if (n == 0) {
            return new byte[0];
        }
        if (n < 0) {
            // Read in blocks of limit bytes, so the transport is resumed as the buffer drains.
            List<byte[]> blocks = new ArrayList<>();
            int total = 0;
            while (true) {
                byte[] block = readNow(scope, limit);
                if (block.length == 0) {
                    break;
                }
                blocks.add(block);
                total += block.length;
            }
            byte[] all = new byte[total];
            int pos = 0;
            for (byte[] b : blocks) {
                System.arraycopy(b, 0, all, pos, b.length);
                pos += b.length;
            }
            return all;
        }
        if (buffer.isEmpty() && !eof) {
            waitForData(scope, "read");
        }
        byte[] data = buffer.take(Math.min(n, buffer.size()));
        maybeResumeTransport();
        return data;
    }

    /**
     * Reads exactly {@code n} bytes; raises {@link IncompleteReadError} (with what was buffered, which is
     * then gone) if the stream ends first, {@link ValueError} if {@code n < 0}.
     */
    public Coroutine<byte[]> readexactly(int n) {
        return op("readexactly", scope -> {
            if (n < 0) {
                throw new ValueError("readexactly size can not be less than zero");
            }
            if (exception != null) {
                throw rethrow(exception);
            }
            if (n == 0) {
                return new byte[0];
            }
            while (buffer.size() < n) {
                if (eof) {
                    byte[] incomplete = buffer.take(buffer.size());
                    throw new IncompleteReadError(incomplete, n);
                }
                waitForData(scope, "readexactly");
            }
            byte[] data = buffer.take(n);
            maybeResumeTransport();
            return data;
        });
    }

    /** {@code async for line in reader}: the next line; raises {@link StopAsyncIteration} at the end. */
    @Override
    public Awaitable<byte[]> anext() {
        return op("StreamReader.__anext__", scope -> {
            byte[] line = readlineNow(scope);
            if (line.length == 0) {
                throw new StopAsyncIteration();
            }
            return line;
        });
    }

    private static RuntimeException rethrow(Throwable t) {
        return dev.aiobridge.internal.engine.Rethrow.unchecked(t);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<StreamReader");
        if (!buffer.isEmpty()) {
            sb.append(' ').append(buffer.size()).append(" bytes");
        }
        if (eof) {
            sb.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            sb.append(" limit=").append(limit);
        }
        if (waiter != null) {
            sb.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            sb.append(" exception=").append(exception);
        }
        if (transport != null) {
            sb.append(" transport=").append(transport);
        }
        if (paused) {
            sb.append(" paused");
        }
        return sb.append('>').toString();
    }

    // ------------------------------------------------------------------------------------------------

    /** A read's body, run on the awaiting coroutine's yield scope. */
    @FunctionalInterface
    interface Body<T> {
        T run(Yielder<Object, Object> scope);
    }

    /**
     * A coroutine whose body runs inline when awaited: a read that finds its data buffered costs no frame
     * and no suspension.
     */
    static <T> Coroutine<T> op(String name, Body<T> body) {
        return Coroutine.inline(name, new InlineAwaitable<T>() {
            @Override
            public T awaitInline(Yielder<Object, Object> scope) {
                return body.run(scope);
            }

            @Override
            public Generator<Object, Object, T> awaitGenerator() {
                return Generator.of(this::awaitInline);
            }
        });
    }
}
