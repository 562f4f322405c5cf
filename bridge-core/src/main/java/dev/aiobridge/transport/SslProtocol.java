package dev.aiobridge.transport;

import dev.aiobridge.asyncio.ExceptionContext;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.SelectorEventLoop;
import dev.aiobridge.asyncio.TimeoutError;
import dev.aiobridge.asyncio.TimerHandle;
import dev.aiobridge.builtins.ValueError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * CPython's {@code sslproto.SSLProtocol}: TLS as a protocol layer. It is the protocol of the socket
 * transport underneath (encrypted bytes) and drives an {@link SSLEngine}; the application protocol
 * above sees an {@link SslTransport} of plain bytes.
 *
 * <p>States, as CPython's: UNWRAPPED &rarr; DO_HANDSHAKE &rarr; WRAPPED &rarr; FLUSHING &rarr; SHUTDOWN
 * &rarr; UNWRAPPED. The application's {@code connectionMade} comes when the handshake succeeds;
 * closing sends {@code close_notify} and waits (up to the shutdown timeout) for the peer's, or for its
 * end of stream, before the socket is closed. TLS cannot half-close.
 */
final class SslProtocol implements Protocol {
    /** CPython's constants.SSL_HANDSHAKE_TIMEOUT and SSL_SHUTDOWN_TIMEOUT (seconds). */
    static final double HANDSHAKE_TIMEOUT = 60.0;
    static final double SHUTDOWN_TIMEOUT = 30.0;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int INCOMING_HIGH_WATER = 256 * 1024;
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

    enum State { UNWRAPPED, DO_HANDSHAKE, WRAPPED, FLUSHING, SHUTDOWN }

    enum AppState { INIT, CON_MADE, EOF, CON_LOST }

    private final SelectorEventLoop loop;
    private final SSLEngine engine;
    private final double handshakeTimeout;
    private final double shutdownTimeout;
    final Map<String, Object> extra = new HashMap<>();
    private BaseProtocol app;
    private SslTransport appTransport;
    private SocketTransport transport;
    private Future<Void> waiter;
    private TimerHandle handshakeTimer;
    private TimerHandle shutdownTimer;
    private State state = State.UNWRAPPED;
    private AppState appState;

    private ByteBuffer netIn = ByteBuffer.allocate(17 * 1024);
    private ByteBuffer appBuf;
    private ByteBuffer netOut;
    private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();
    private long backlogSize;
    private final ArrayDeque<ByteBuffer> outgoing = new ArrayDeque<>();
    private long outgoingSize;
    /** Plaintext unwrapped while the handshake finished (delivered by the first read). */
    private final ByteArrayOutputStream early = new ByteArrayOutputStream();
    private boolean eofReceived;
    private int connLost;
    boolean appReadingPaused;
    private boolean sslReadingPaused;
    private boolean sslWritingPaused;
    private boolean appWritingPaused;
    long highWater = 64 * 1024;
    long lowWater = 16 * 1024;

    SslProtocol(SelectorEventLoop loop, BaseProtocol app, TlsContext context, Future<Void> waiter, boolean serverSide,
                String serverHostname, int port, Double handshakeTimeout, Double shutdownTimeout,
                boolean callConnectionMade) {
        this.loop = loop;
        this.handshakeTimeout = positive("ssl_handshake_timeout", handshakeTimeout, HANDSHAKE_TIMEOUT);
        this.shutdownTimeout = positive("ssl_shutdown_timeout", shutdownTimeout, SHUTDOWN_TIMEOUT);
        if (!serverSide && serverHostname == null && context.checkHostname()) {
            throw new ValueError("check_hostname requires server_hostname");
        }
        this.engine = context.newEngine(serverSide, serverHostname, port);
        SSLSession session = engine.getSession();
        this.appBuf = ByteBuffer.allocate(session.getApplicationBufferSize() + 64);
        this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
        this.waiter = waiter;
        this.extra.put("sslcontext", context);
        this.app = app;
        this.appTransport = new SslTransport(this);
        this.appState = callConnectionMade ? AppState.INIT : AppState.CON_MADE;
    }

    private static double positive(String name, Double value, double dflt) {
        if (value == null) {
            return dflt;
        }
        if (!(value > 0)) {
            throw new ValueError(name + " should be a positive number, got " + pyFloatOrInt(value));
        }
        return value;
    }

    SslTransport appTransport() {
        return appTransport;
    }

    SSLEngine engine() {
        return engine;
    }

    BaseProtocol app() {
        return app;
    }

    void setApp(BaseProtocol protocol) {
        this.app = protocol;
    }

    Transport lowerTransport() {
        return transport;
    }

    boolean handshakeDone() {
        return state != State.DO_HANDSHAKE && state != State.UNWRAPPED;
    }

    private void wakeupWaiter(Throwable exc) {
        Future<Void> w = waiter;
        if (w == null) {
            return;
        }
        waiter = null;
        if (!w.isCancelled()) {
            if (exc != null) {
                w.setException(exc);
            } else {
                w.setResult(null);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The socket transport's protocol

    @Override
    public void connectionMade(Transport transport) {
        this.transport = (SocketTransport) transport;
        rememberLowerExtra();
        startHandshake();
    }

    @Override
    public void connectionLost(Throwable exc) {
        backlog.clear();
        backlogSize = 0;
        outgoing.clear();
        outgoingSize = 0;
        connLost++;
        if (appTransport != null) {
            appTransport.closed = true;
        }
        if (state != State.DO_HANDSHAKE && (appState == AppState.CON_MADE || appState == AppState.EOF)) {
            appState = AppState.CON_LOST;
            BaseProtocol p = app;
            loop.callSoon(() -> p.connectionLost(exc));
        }
        state = State.UNWRAPPED;
        transport = null;
        wakeupWaiter(exc);
        cancel(shutdownTimer);
        cancel(handshakeTimer);
        shutdownTimer = null;
        handshakeTimer = null;
        engine.closeOutbound();
    }

    private static void cancel(TimerHandle h) {
        if (h != null) {
            h.cancel();
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        if (netIn.remaining() < data.length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(netIn.capacity() * 2, netIn.position() + data.length));
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        netIn.put(data);
        switch (state) {
            case DO_HANDSHAKE -> doHandshake();
            case WRAPPED -> doRead();
            case FLUSHING -> doFlush();
            case SHUTDOWN -> doShutdown();
            default -> {
                // UNWRAPPED: the connection is gone; nothing reads this
            }
        }
    }

    @Override
    public boolean eofReceived() {
        eofReceived = true;
        try {
            switch (state) {
                case DO_HANDSHAKE -> onHandshakeComplete(new SocketException("Connection reset"));
                case WRAPPED -> {
                    state = State.FLUSHING;
                    if (appReadingPaused) {
                        return true;
                    }
                    doFlush();
                }
                case FLUSHING -> {
                    doWrite();
                    state = State.SHUTDOWN;
                    doShutdown();
                }
                case SHUTDOWN -> doShutdown();
                default -> {
                }
            }
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        return false;
    }

    @Override
    public void pauseWriting() {
        sslWritingPaused = true;
    }

    @Override
    public void resumeWriting() {
        sslWritingPaused = false;
        processOutgoing();
    }

    // ------------------------------------------------------------------------------------------------
    // Handshake

    private void startHandshake() {
        state = State.DO_HANDSHAKE;
        handshakeTimer = loop.callLater(handshakeTimeout, this::checkHandshakeTimeout);
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            onHandshakeComplete(e);
            return;
        }
        doHandshake();
    }

    private void checkHandshakeTimeout() {
        if (state == State.DO_HANDSHAKE) {
            fatalError(new ConnectionAbortedException("SSL handshake is taking longer than "
                    + pyFloat(handshakeTimeout) + " seconds: aborting the connection"), "Fatal error on transport");
        }
    }

    private static String pyFloatOrInt(double d) {
        return pyFloat(d);
    }

    static String pyFloat(double d) {
        String s = Double.toString(d);
        return s.contains("E") ? String.valueOf(d) : s;
    }

    private void doHandshake() {
        try {
            while (true) {
                SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
                switch (hs) {
                    case NEED_WRAP -> wrap(EMPTY);
                    case NEED_TASK -> runTasks();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (!unwrapOnce(early) && engine.getHandshakeStatus() == hs) {
                            return; // wait for more bytes
                        }
                    }
                    default -> {
                        onHandshakeComplete(null);
                        return;
                    }
                }
            }
        } catch (SSLException e) {
            flushAlert();
            onHandshakeComplete(e);
        }
    }

    /** After a failed handshake the engine may hold an alert for the peer: send it. */
    private void flushAlert() {
        try {
            for (int i = 0; i < 4 && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP; i++) {
                wrap(EMPTY);
            }
        } catch (SSLException ignored) {
            // nothing more to say to the peer
        }
    }

    private void onHandshakeComplete(Throwable handshakeExc) {
        cancel(handshakeTimer);
        handshakeTimer = null;
        if (handshakeExc != null) {
            state = State.UNWRAPPED;
            SslCertVerificationException verify = SslCertVerificationException.from(handshakeExc);
            Throwable exc = verify != null ? verify : handshakeExc;
            fatalError(exc, verify != null ? "SSL handshake failed on verifying the certificate"
                    : "SSL handshake failed");
            wakeupWaiter(exc);
            return;
        }
        state = State.WRAPPED;
        SSLSession session = engine.getSession();
        Certificate peercert = null;
        try {
            Certificate[] chain = session.getPeerCertificates();
            peercert = chain.length > 0 ? chain[0] : null;
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            // the peer sent none (a client, usually)
        }
        extra.put("peercert", peercert);
        extra.put("cipher", TlsCipher.of(session.getCipherSuite(), session.getProtocol()));
        extra.put("compression", null);
        extra.put("ssl_object", new SslObject(engine));
        if (appState == AppState.INIT) {
            appState = AppState.CON_MADE;
            app.connectionMade(appTransport);
        }
        wakeupWaiter(null);
        doRead();
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** One unwrap of what {@code netIn} holds; plaintext goes to {@code plain} (or is dropped). */
    private boolean unwrapOnce(ByteArrayOutputStream plain) throws SSLException {
        netIn.flip();
        SSLEngineResult r;
        try {
            while (true) {
                appBuf.clear();
                r = engine.unwrap(netIn, appBuf);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    appBuf = ByteBuffer.allocate(appBuf.capacity() * 2);
                    continue;
                }
                break;
            }
        } finally {
            netIn.compact();
        }
        if (plain != null && appBuf.position() > 0) {
            plain.write(appBuf.array(), 0, appBuf.position());
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            return false;
        }
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            return false;
        }
        return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
    }

    /** Wraps (part of) {@code src} into one record and queues it for the socket. */
    private SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        SSLEngineResult r;
        while (true) {
            netOut.clear();
            r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                continue;
            }
            break;
        }
        netOut.flip();
        if (netOut.hasRemaining()) {
            byte[] record = new byte[netOut.remaining()];
            netOut.get(record);
            outgoing.add(ByteBuffer.wrap(record));
            outgoingSize += record.length;
            processOutgoing();
        }
        return r;
    }

    /** CPython's {@code _process_outgoing}: encrypted bytes go to the socket unless it pushed back. */
    private void processOutgoing() {
        if (!sslWritingPaused && transport != null) {
            while (!outgoing.isEmpty()) {
                ByteBuffer b = outgoing.poll();
                outgoingSize -= b.remaining();
                transport.write(b);
            }
        }
        controlAppWriting();
    }

    // ------------------------------------------------------------------------------------------------
    // Reading

    void doRead() {
        if (state != State.WRAPPED && state != State.FLUSHING) {
            return;
        }
        try {
            if (!appReadingPaused) {
                ByteArrayOutputStream plain = new ByteArrayOutputStream();
                if (early.size() > 0) {
                    early.writeTo(plain);
                    early.reset();
                }
                boolean closeNotify = false;
                int idle = 0;
                while (true) {
                    boolean more = unwrapOnce(plain);
                    SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
                    if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks();
                        continue;
                    }
                    if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                        if (wrap(EMPTY).bytesProduced() == 0 && ++idle > 8) {
                            throw new SSLException("the TLS engine asks to write but produces nothing");
                        }
                        continue;
                    }
                    if (engine.isInboundDone()) {
                        closeNotify = true;
                        break;
                    }
                    if (!more) {
                        break;
                    }
                }
                if (plain.size() > 0) {
                    deliver(plain.toByteArray());
                }
                if (closeNotify) {
                    callEofReceived();
                    startShutdown();
                }
                if (!backlog.isEmpty()) {
                    doWrite();
                } else {
                    processOutgoing();
                }
            }
            controlSslReading();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable ex) {
            fatalError(ex, "Fatal error on SSL protocol");
        }
    }

    private void deliver(byte[] data) {
        if (app instanceof BufferedProtocol bp) {
            int off = 0;
            while (off < data.length) {
                ByteBuffer buf = bp.getBuffer(data.length - off);
                int n = Math.min(buf.remaining(), data.length - off);
                if (n == 0) {
                    throw new dev.aiobridge.builtins.RuntimeError("get_buffer() returned an empty buffer");
                }
                buf.put(data, off, n);
                off += n;
                bp.bufferUpdated(n);
            }
        } else {
            ((Protocol) app).dataReceived(data);
        }
    }

    private void callEofReceived() {
        try {
            if (appState == AppState.CON_MADE) {
                appState = AppState.EOF;
                boolean keepOpen = app instanceof BufferedProtocol bp ? bp.eofReceived()
                        : ((Protocol) app).eofReceived();
                if (keepOpen) {
                    System.getLogger("dev.aiobridge").log(System.Logger.Level.WARNING,
                            "returning true from eof_received() has no effect when using ssl");
                }
            }
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable ex) {
            fatalError(ex, "Error calling eof_received()");
        }
    }

    /** CPython's {@code _control_ssl_reading}: stop reading the socket while the app does not read. */
    private void controlSslReading() {
        if (transport == null) {
            return;
        }
        int pending = netIn.position();
        if (pending >= INCOMING_HIGH_WATER && !sslReadingPaused) {
            sslReadingPaused = true;
            transport.pauseReading();
        } else if (pending <= INCOMING_HIGH_WATER / 4 && sslReadingPaused && !appReadingPaused) {
            sslReadingPaused = false;
            transport.resumeReading();
        }
    }

    void pauseReading() {
        appReadingPaused = true;
        if (transport != null && !sslReadingPaused) {
            sslReadingPaused = true; // no more bytes from the socket either: backpressure reaches the peer
            transport.pauseReading();
        }
    }

    void resumeReading() {
        if (!appReadingPaused) {
            return;
        }
        appReadingPaused = false;
        loop.callSoon(() -> {
            switch (state) {
                case WRAPPED -> doRead();
                case FLUSHING -> doFlush();
                case SHUTDOWN -> doShutdown();
                default -> {
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------
    // Writing

    void writeAppData(ByteBuffer data) {
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                System.getLogger("dev.aiobridge").log(System.Logger.Level.WARNING, "SSL connection is closed");
            }
            connLost++;
            return;
        }
        int n = data.remaining();
        byte[] copy = new byte[n];
        data.get(copy);
        backlog.add(ByteBuffer.wrap(copy));
        backlogSize += n;
        try {
            if (state == State.WRAPPED) {
                doWrite();
            }
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable ex) {
            fatalError(ex, "Fatal error on SSL protocol");
        }
    }

    private void doWrite() {
        try {
            while (!backlog.isEmpty()) {
                ByteBuffer head = backlog.peek();
                int before = head.remaining();
                SSLEngineResult r = wrap(head);
                backlogSize -= before - head.remaining();
                if (!head.hasRemaining()) {
                    backlog.poll();
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    break;
                }
            }
        } catch (SSLException e) {
            fatalError(e, "Fatal error on SSL protocol");
        }
    }

    long writeBufferSize() {
        return outgoingSize + backlogSize;
    }

    void setWriteBufferLimits(Long high, Long low) {
        long h = high != null ? high : low == null ? 64 * 1024 : 4 * low;
        long l = low != null ? low : h / 4;
        if (!(h >= l && l >= 0)) {
            throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
        }
        highWater = h;
        lowWater = l;
        controlAppWriting();
    }

    /** CPython's {@code _control_app_writing} (note: at or above high, as sslproto.py has it). */
    private void controlAppWriting() {
        long size = writeBufferSize();
        if (size >= highWater && !appWritingPaused) {
            appWritingPaused = true;
            try {
                app.pauseWriting();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable exc) {
                loop.callExceptionHandler(ExceptionContext.of("protocol.pause_writing() failed", exc)
                        .with("transport", appTransport).with("protocol", this));
            }
        } else if (size <= lowWater && appWritingPaused) {
            appWritingPaused = false;
            try {
                app.resumeWriting();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable exc) {
                loop.callExceptionHandler(ExceptionContext.of("protocol.resume_writing() failed", exc)
                        .with("transport", appTransport).with("protocol", this));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Shutdown

    void startShutdown() {
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            return;
        }
        if (appTransport != null) {
            appTransport.closed = true;
        }
        if (state == State.DO_HANDSHAKE) {
            abort(null);
        } else {
            state = State.FLUSHING;
            shutdownTimer = loop.callLater(shutdownTimeout, this::checkShutdownTimeout);
            doFlush();
        }
    }

    private void checkShutdownTimeout() {
        if ((state == State.FLUSHING || state == State.SHUTDOWN) && transport != null) {
            transport.forceClose(new TimeoutError("SSL shutdown timed out"));
        }
    }

    private void doFlush() {
        doRead();
        state = State.SHUTDOWN;
        doShutdown();
    }

    private void doShutdown() {
        try {
            if (!eofReceived) {
                engine.closeOutbound();
                for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                    wrap(EMPTY); // close_notify
                }
                while (!engine.isInboundDone() && unwrapOnce(null)) {
                    // read up to the peer's close_notify, dropping data
                }
                if (!engine.isInboundDone()) {
                    processOutgoing();
                    return; // wait for the peer's close_notify (or its end of stream)
                }
            }
        } catch (SSLException exc) {
            onShutdownComplete(exc);
            return;
        }
        processOutgoing();
        callEofReceived();
        onShutdownComplete(null);
    }

    private void onShutdownComplete(Throwable exc) {
        cancel(shutdownTimer);
        shutdownTimer = null;
        if (exc != null) {
            fatalError(exc, "Fatal error on transport");
        } else {
            SocketTransport t = transport;
            if (t != null) {
                loop.callSoon(t::close);
            }
        }
    }

    void abort(Throwable exc) {
        state = State.UNWRAPPED;
        if (transport != null) {
            transport.forceClose(exc);
        }
    }

    private void fatalError(Throwable exc, String message) {
        if (transport != null) {
            transport.forceClose(exc);
        }
        if (exc instanceof IOException || exc instanceof java.io.UncheckedIOException) {
            if (loop.getDebug()) {
                System.getLogger("dev.aiobridge").log(System.Logger.Level.DEBUG, this + ": " + message, exc);
            }
        } else if (!(exc instanceof dev.aiobridge.asyncio.CancelledError)) {
            loop.callExceptionHandler(ExceptionContext.of(message, exc)
                    .with("transport", transport).with("protocol", this));
        }
    }

    Object getExtraInfo(String name, Object defaultValue) {
        if (extra.containsKey(name)) {
            return extra.get(name);
        }
        if (transport != null) {
            return transport.getExtraInfo(name, defaultValue);
        }
        return lowerExtra.getOrDefault(name, defaultValue);
    }

    /** The socket transport's extra info, kept once it is gone (values are cached, as CPython's). */
    private final Map<String, Object> lowerExtra = new HashMap<>();

    void rememberLowerExtra() {
        if (transport != null) {
            for (String k : new String[] {"peername", "sockname", "socket"}) {
                lowerExtra.put(k, transport.getExtraInfo(k));
            }
        }
    }

    @Override
    public String toString() {
        return "<SslProtocol state=" + state + " app=" + appState + ">";
    }
}
