package dev.aiobridge.streams;

import dev.aiobridge.asyncio.EventLoop;
import dev.aiobridge.asyncio.Future;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.internal.engine.Rethrow;
import dev.aiobridge.transport.Network;
import dev.aiobridge.transport.TlsContext;
import dev.aiobridge.transport.Transport;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * asyncio's {@code StreamWriter}: writes to a transport, and {@link #drain()} to wait while the
 * transport's write buffer is above its high-water mark.
 *
 * <pre>{@code
 * writer.write(data);
 * a.await(writer.drain());
 * }</pre>
 */
public final class StreamWriter {
    private Transport transport;
    private final StreamReaderProtocol protocol;
    private final StreamReader reader;
    private final EventLoop loop;

    StreamWriter(Transport transport, StreamReaderProtocol protocol, StreamReader reader, EventLoop loop) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
        this.loop = loop;
    }

    /** The transport this writer writes to. */
    public Transport transport() {
        return transport;
    }

    /** Writes {@code data} (see {@link Transport#write(byte[])}); call {@link #drain()} after. */
    public void write(byte[] data) {
        transport.write(data);
    }

    /** Writes the remaining bytes of {@code data}. */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    /** Writes each of {@code data} in order. */
    public void writelines(List<byte[]> data) {
        transport.writelines(data);
    }

    /** Closes the write side after the buffered data (TCP half-close). */
    public void writeEof() {
        transport.writeEof();
    }

    /** True if the transport supports {@link #writeEof()}. */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the transport (buffered data is still sent). */
    public void close() {
        transport.close();
    }

    /** True once the transport is closing. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /** Waits until the connection is closed; raises what broke it, if anything did. */
    public Coroutine<Void> waitClosed() {
        return StreamReader.op("StreamWriter.wait_closed", scope -> protocol.closeWaiter().awaitInline(scope));
    }

    /** {@link Transport#getExtraInfo(String)}. */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    /** {@link Transport#getExtraInfo(String, Object)}. */
    public Object getExtraInfo(String name, Object defaultValue) {
        return transport.getExtraInfo(name, defaultValue);
    }

    /**
     * A new future, done when the connection is closed (with what broke it, if anything did), for code that
     * must hear of the close without waiting in {@link #waitClosed()}: cancelling it only stops the watch
     * (cancelling a task waiting in {@code waitClosed()} cancels the connection's one close waiter, as in
     * CPython). A future made after the close is done at once.
     */
    public Future<Void> whenClosed() {
        Future<Void> closed = protocol.closeWaiter();
        Future<Void> watch = loop.createFuture();
        Consumer<Future<Void>> relay = c -> {
            if (watch.isDone()) {
                return;
            }
            Throwable broken = c.isCancelled() ? null : c.exception();
            if (broken != null) {
                watch.setException(broken);
            } else {
                watch.setResult(null);
            }
        };
        if (closed.isDone()) {
            relay.accept(closed);
            return watch;
        }
        closed.addDoneCallback(relay);
        watch.addDoneCallback(w -> {
            if (w.isCancelled()) {
                closed.removeDoneCallback(relay);
            }
        });
        return watch;
    }

    /**
     * Waits until the transport's write buffer is at or below its low-water mark. Raises the reader's
     * exception if the connection broke; once the connection is lost raises
     * {@code SocketException("Connection lost")} (Python's {@code ConnectionResetError}).
     */
    public Coroutine<Void> drain() {
        return StreamReader.op("StreamWriter.drain", scope -> {
            if (reader != null) {
                Throwable exc = reader.exception();
                if (exc != null) {
                    throw Rethrow.unchecked(exc);
                }
            }
            if (transport.isClosing()) {
                // Let connection_lost() run first (one iteration), so its error is the one raised.
                scope.yield(null);
            }
            protocol.drainHelper(scope);
            return null;
        });
    }

    /** {@code await writer.start_tls(sslcontext)}: see {@link #startTls(TlsContext, String)}. */
    public Coroutine<Void> startTls(TlsContext context) {
        return startTls(context, null);
    }

    /**
     * {@code await writer.start_tls(sslcontext, server_hostname=...)}: upgrades the connection to TLS
     * (after draining what was written); the same reader and writer go on over the new transport.
     */
    public Coroutine<Void> startTls(TlsContext context, String serverHostname) {
        return Coroutine.ofVoid("StreamWriter.start_tls", a -> {
            boolean serverSide = protocol.serverSide();
            a.await(drain());
            Transport upgraded = a.await(Network.startTls(loop, transport, protocol, context, serverSide,
                    serverHostname, null, null));
            transport = upgraded;
            protocol.replaceTransport(upgraded);
        });
    }

    /** The loop this writer's connection runs on: every write, and {@link #drain()}, happens on its thread. */
    public EventLoop getLoop() {
        return loop;
    }

    void replaceTransport(Transport transport) {
        this.transport = transport;
    }

    @Override
    public String toString() {
        return "<StreamWriter transport=" + transport + (reader != null ? " reader=" + reader : "") + ">";
    }
}
