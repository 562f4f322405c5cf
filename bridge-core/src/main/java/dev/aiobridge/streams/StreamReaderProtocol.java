package dev.aiobridge.streams;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.ExceptionContext;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.asyncio.Task;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.generator.Yielder;
import dev.aiobridge.transport.Protocol;
import dev.aiobridge.transport.Transport;
import java.net.SocketException;
import java.util.ArrayDeque;

/**
 * asyncio's {@code StreamReaderProtocol} (with {@code FlowControlMixin}): the protocol between a
 * transport and a {@link StreamReader}, and the write-side flow control behind
 * {@link StreamWriter#drain()}. With a {@link ClientConnected} callback (a server's connections) it
 * makes the {@link StreamWriter} and runs the callback on {@code connectionMade}.
 */
public final class StreamReaderProtocol implements Protocol {
    private final EventLoop loop;
    private StreamReader reader;
    private final ClientConnected clientConnected;
    private Transport transport;
    private boolean overSsl;
    private final Future<Void> closed;

    private boolean paused;
    private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>();
    private boolean connectionLost;

    /** A protocol feeding {@code reader} (may be null), calling {@code clientConnected} (may be null). */
    public StreamReaderProtocol(StreamReader reader, ClientConnected clientConnected, EventLoop loop) {
        this.loop = loop;
        this.reader = reader;
        this.clientConnected = clientConnected;
        this.closed = loop.createFuture();
    }

    boolean serverSide() {
        return clientConnected != null;
    }

    /** After a TLS upgrade: the new transport. */
    void replaceTransport(Transport transport) {
        this.transport = transport;
        this.overSsl = transport.getExtraInfo("sslcontext") != null;
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        if (reader != null) {
            reader.setTransport(transport);
        }
        overSsl = transport.getExtraInfo("sslcontext") != null;
        if (clientConnected != null) {
            StreamWriter writer = new StreamWriter(transport, this, reader, loop);
            Coroutine<?> res = clientConnected.connected(reader, writer);
            if (res != null) {
                Task<?> task = loop.createTask(res);
                task.addDoneCallback(t -> {
                    if (t.isCancelled()) {
                        transport.close();
                        return;
                    }
                    Throwable exc = t.exception();
                    if (exc != null) {
                        loop.callExceptionHandler(ExceptionContext.of("Unhandled exception in client_connected_cb",
                                exc).with("transport", transport));
                        transport.close();
                    }
                });
            }
        }
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (reader != null) {
            if (exc == null) {
                reader.feedEof();
            } else {
                reader.setException(exc);
            }
        }
        if (!closed.isDone()) {
            if (exc == null) {
                closed.setResult(null);
            } else {
                closed.setException(exc);
                closed.exception(); // retrieved: nobody has to wait_closed() (CPython's __del__ does this)
            }
        }
        // FlowControlMixin.connection_lost: wake the writers if paused.
        connectionLost = true;
        if (paused) {
            for (Future<Void> w : drainWaiters) {
                if (!w.isDone()) {
                    if (exc == null) {
                        w.setResult(null);
                    } else {
                        w.setException(exc);
                    }
                }
            }
        }
        reader = null;
        transport = null;
    }

    @Override
    public void dataReceived(byte[] data) {
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public boolean eofReceived() {
        if (reader != null) {
            reader.feedEof();
        }
        // TLS cannot half-close: close the transport on EOF.
        return !overSsl;
    }

    @Override
    public void pauseWriting() {
        paused = true;
    }

    @Override
    public void resumeWriting() {
        paused = false;
        for (Future<Void> w : drainWaiters) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    /** CPython's {@code _drain_helper}: waits while writing is paused. */
    void drainHelper(Yielder<Object, Object> scope) {
        if (connectionLost) {
            throw dev.aiobridge.internal.engine.Rethrow.unchecked(new SocketException("Connection lost"));
        }
        if (!paused) {
            return;
        }
        Future<Void> w = loop.createFuture();
        drainWaiters.add(w);
        try {
            w.awaitInline(scope);
        } finally {
            drainWaiters.remove(w);
        }
    }

    Future<Void> closeWaiter() {
        return closed;
    }
}
