package dev.aiobridge.transport;

import dev.aiobridge.asyncio.ExceptionContext;
import dev.aiobridge.builtins.RuntimeError;
import dev.aiobridge.builtins.ValueError;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.SelectorEventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPython's {@code _SelectorSocketTransport} (with {@code _SelectorTransport} and
 * {@code _FlowControlMixin}): a stream socket driven by the loop's reader and writer callbacks.
 *
 * <p>State, as CPython keeps it: {@code closing} is set by {@link #close()} or a forced close and never
 * cleared; {@code connLost} counts scheduled (or done) {@code connectionLost} calls: once it is non-zero,
 * reads are ignored and writes dropped. {@code paused} is the read side's pause; {@code protocolPaused}
 * the write side's (pause/resume calls to the protocol come in pairs). The write buffer holds what the
 * socket did not take, in order; {@code bufferSize} is the sum of its remaining bytes.
 */
final class SocketTransport implements Transport {
    /** The most one read takes (CPython's {@code max_size}). */
    static final int MAX_SIZE = 256 * 1024;
    /** After this many writes to a lost connection, each further one logs a warning. */
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
    /** One write hands the socket at most this many bytes of a buffer (bounds the JDK's copy). */
    private static final int MAX_WRITE = 1024 * 1024;
    /** One read buffer per thread that runs loops: reads are copied out before the callback returns. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_SIZE));

    private final SelectorEventLoop loop;
    private final SocketChannel channel;
    private final Map<String, Object> extra;
    private BaseProtocol protocol;
    private boolean protocolConnected;
    private Server server;

    private final ArrayDeque<ByteBuffer> buffer = new ArrayDeque<>();
    private long bufferSize;
    private int connLost;
    private boolean closing;
    private boolean paused;
    private boolean eof;
    private boolean socketClosed;

    private boolean protocolPaused;
    private long highWater;
    private long lowWater;

    private final Runnable readReady = this::readReady;
    private final Runnable writeReady = this::writeReady;

    SocketTransport(SelectorEventLoop loop, SocketChannel channel, ProtocolFamily family, BaseProtocol protocol,
                    Future<Void> waiter, Map<String, Object> extra, Server server) {
        this.loop = loop;
        this.channel = channel;
        this.extra = new HashMap<>();
        if (extra != null) {
            this.extra.putAll(extra);
        }
        this.extra.put("socket", new TransportSocket(channel, family));
        try {
            this.extra.put("sockname", channel.getLocalAddress());
        } catch (IOException e) {
            this.extra.put("sockname", null);
        }
        if (!this.extra.containsKey("peername")) {
            try {
                this.extra.put("peername", channel.getRemoteAddress());
            } catch (IOException e) {
                this.extra.put("peername", null);
            }
        }
        setProtocol(protocol);
        setLimits(null, null);
        this.server = server;
        if (server != null) {
            server.attach(this);
        }
        if (family != java.net.StandardProtocolFamily.UNIX) {
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // CPython's _set_nodelay
            } catch (IOException | UnsupportedOperationException ignored) {
                // not a TCP socket
            }
        }
        BaseProtocol first = this.protocol;
        loop.callSoon(() -> first.connectionMade(this));
        loop.callSoon(() -> addReader());
        if (waiter != null) {
            loop.callSoon(() -> {
                if (!waiter.isCancelled()) { // futures._set_result_unless_cancelled
                    waiter.setResult(null);
                }
            });
        }
    }

    // ------------------------------------------------------------------------------------------------
    // BaseTransport

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return extra.containsKey(name) ? extra.get(name) : defaultValue;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        if (!(protocol instanceof Protocol) && !(protocol instanceof BufferedProtocol)) {
            throw new IllegalArgumentException("a stream transport needs a Protocol or a BufferedProtocol, not "
                    + (protocol == null ? "null" : protocol.getClass().getName()));
        }
        this.protocol = protocol;
        this.protocolConnected = true;
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (buffer.isEmpty()) {
            connLost++;
            loop.removeWriter(channel);
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    // ------------------------------------------------------------------------------------------------
    // Reading

    @Override
    public boolean isReading() {
        return !closing && !paused;
    }

    @Override
    public void pauseReading() {
        if (!isReading()) {
            return;
        }
        paused = true;
        loop.removeReader(channel);
    }

    @Override
    public void resumeReading() {
        if (closing || !paused) {
            return;
        }
        paused = false;
        addReader();
    }

    private void addReader() {
        if (!isReading()) {
            return;
        }
        loop.addReader(channel, readReady);
    }

    private void readReady() {
        if (connLost != 0) {
            return;
        }
        if (protocol instanceof BufferedProtocol bp) {
            readReadyGetBuffer(bp);
        } else {
            readReadyDataReceived((Protocol) protocol);
        }
    }

    private void readReadyGetBuffer(BufferedProtocol p) {
        ByteBuffer buf;
        try {
            buf = p.getBuffer(-1);
            if (buf == null || !buf.hasRemaining()) {
                throw new RuntimeError("get_buffer() returned an empty buffer");
            }
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.get_buffer() call failed.");
            return;
        }
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            fatalError(e, "Fatal read error on socket transport");
            return;
        }
        if (n == 0) {
            return; // not readable after all (CPython's BlockingIOError)
        }
        if (n < 0) {
            readReadyOnEof();
            return;
        }
        try {
            p.bufferUpdated(n);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.buffer_updated() call failed.");
        }
    }

    private void readReadyDataReceived(Protocol p) {
        ByteBuffer buf = READ_BUFFER.get();
        buf.clear();
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            fatalError(e, "Fatal read error on socket transport");
            return;
        }
        if (n == 0) {
            return;
        }
        if (n < 0) {
            readReadyOnEof();
            return;
        }
        byte[] data = new byte[n];
        buf.flip();
        buf.get(data);
        try {
            p.dataReceived(data);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.data_received() call failed.");
        }
    }

    private void readReadyOnEof() {
        boolean keepOpen;
        try {
            keepOpen = protocol instanceof BufferedProtocol bp ? bp.eofReceived() : ((Protocol) protocol).eofReceived();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            fatalError(t, "Fatal error: protocol.eof_received() call failed.");
            return;
        }
        if (keepOpen) {
            // Half-open: nothing more to read; stop watching, or the selector would report EOF forever.
            loop.removeReader(channel);
        } else {
            close();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Writing

    @Override
    public void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    @Override
    public void write(ByteBuffer data) {
        if (eof) {
            throw new RuntimeError("Cannot call write() after write_eof()");
        }
        if (!data.hasRemaining()) {
            return;
        }
        if (connLost != 0) {
            if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                System.getLogger("dev.aiobridge").log(System.Logger.Level.WARNING, "socket.send() raised exception.");
            }
            connLost++;
            data.position(data.limit());
            return;
        }
        if (buffer.isEmpty()) {
            // Try to send at once: most writes need no buffering and no writer callback.
            try {
                writeSome(data);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, writeReady);
        }
        buffer.add(copyOf(data));
        maybePauseProtocol();
    }

    @Override
    public void writelines(List<byte[]> data) {
        if (eof) {
            throw new RuntimeError("Cannot call writelines() after write_eof()");
        }
        if (data.isEmpty()) {
            return;
        }
        if (connLost != 0) {
            connLost++;
            return;
        }
        for (byte[] d : data) {
            if (d.length > 0) {
                buffer.add(ByteBuffer.wrap(d.clone()));
                bufferSize += d.length;
            }
        }
        writeReady();
        if (!buffer.isEmpty()) {
            loop.addWriter(channel, writeReady);
            // CPython 3.13 does not check the high-water mark here, so a writer using only writelines()
            // never gets pause_writing() and drain() never waits: we do check it, as write() does.
            maybePauseProtocol();
        }
    }

    private ByteBuffer copyOf(ByteBuffer data) {
        int n = data.remaining();
        byte[] copy = new byte[n];
        data.get(copy);
        bufferSize += n;
        return ByteBuffer.wrap(copy);
    }

    /** Writes what the socket takes now from {@code data}, at most {@link #MAX_WRITE} bytes at a time. */
    private void writeSome(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            int n;
            if (data.remaining() > MAX_WRITE) {
                ByteBuffer slice = data.slice(data.position(), MAX_WRITE);
                n = channel.write(slice);
                data.position(data.position() + n);
            } else {
                n = channel.write(data);
            }
            if (n == 0) {
                return;
            }
        }
    }

    private void writeReady() {
        if (connLost != 0 || buffer.isEmpty()) {
            return;
        }
        try {
            while (!buffer.isEmpty()) {
                ByteBuffer head = buffer.peek();
                int before = head.remaining();
                writeSome(head);
                bufferSize -= before - head.remaining();
                if (head.hasRemaining()) {
                    break;
                }
                buffer.poll();
            }
        } catch (IOException e) {
            loop.removeWriter(channel);
            buffer.clear();
            bufferSize = 0;
            fatalError(e, "Fatal write error on socket transport");
            return;
        }
        maybeResumeProtocol(); // may append to the buffer
        if (buffer.isEmpty()) {
            loop.removeWriter(channel);
            if (closing) {
                connLost++;
                callConnectionLost(null);
            } else if (eof) {
                shutdownOutput();
            }
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(e, "Fatal error on transport");
        }
    }

    @Override
    public void writeEof() {
        if (closing || eof) {
            return;
        }
        eof = true;
        if (buffer.isEmpty()) {
            shutdownOutput();
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    // ------------------------------------------------------------------------------------------------
    // Write flow control (CPython's _FlowControlMixin)

    @Override
    public void setWriteBufferLimits(Long high, Long low) {
        setLimits(high, low);
        maybePauseProtocol();
    }

    private void setLimits(Long high, Long low) {
        long h = high != null ? high : low == null ? 64 * 1024 : 4 * low;
        long l = low != null ? low : h / 4;
        if (!(h >= l && l >= 0)) {
            throw new ValueError("high (" + h + ") must be >= low (" + l + ") must be >= 0");
        }
        highWater = h;
        lowWater = l;
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(lowWater, highWater);
    }

    @Override
    public long getWriteBufferSize() {
        return bufferSize;
    }

    private void maybePauseProtocol() {
        if (bufferSize <= highWater || protocolPaused) {
            return;
        }
        protocolPaused = true;
        try {
            protocol.pauseWriting();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            loop.callExceptionHandler(ExceptionContext.of("protocol.pause_writing() failed", t)
                    .with("transport", this).with("protocol", protocol));
        }
    }

    private void maybeResumeProtocol() {
        if (protocolPaused && bufferSize <= lowWater) {
            protocolPaused = false;
            try {
                protocol.resumeWriting();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                loop.callExceptionHandler(ExceptionContext.of("protocol.resume_writing() failed", t)
                        .with("transport", this).with("protocol", protocol));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Closing

    /** CPython's OSError: an I/O failure of the socket, reported to the protocol only. */
    static boolean isOsError(Throwable t) {
        return t instanceof IOException || t instanceof UncheckedIOException;
    }

    private void fatalError(Throwable exc, String message) {
        if (!isOsError(exc)) {
            loop.callExceptionHandler(ExceptionContext.of(message, exc)
                    .with("transport", this).with("protocol", protocol));
        } else if (loop.getDebug()) {
            System.getLogger("dev.aiobridge").log(System.Logger.Level.DEBUG, this + ": " + message, exc);
        }
        forceClose(exc);
    }

    void forceClose(Throwable exc) {
        if (connLost != 0) {
            return;
        }
        if (!buffer.isEmpty()) {
            buffer.clear();
            bufferSize = 0;
            loop.removeWriter(channel);
        }
        if (!closing) {
            closing = true;
            loop.removeReader(channel);
        }
        connLost++;
        loop.callSoon(() -> callConnectionLost(exc));
    }

    private void callConnectionLost(Throwable exc) {
        try {
            if (protocolConnected) {
                protocol.connectionLost(exc);
            }
        } finally {
            closeSocket();
            Server s = server;
            if (s != null) {
                server = null;
                s.detach(this);
            }
        }
    }

    private void closeSocket() {
        if (socketClosed) {
            return;
        }
        socketClosed = true;
        try {
            loop.closeChannel(channel);
        } catch (IOException ignored) {
            // nothing more can be done with it
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<SocketTransport");
        if (socketClosed) {
            sb.append(" closed");
        } else if (closing) {
            sb.append(" closing");
        }
        sb.append(" peer=").append(extra.get("peername"));
        if (!socketClosed) {
            sb.append(" read=").append(isReading() ? "polling" : "idle");
            sb.append(" write=<bufsize=").append(bufferSize).append('>');
        }
        return sb.append('>').toString();
    }
}
