package dev.aiobridge.transport;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * CPython's {@code sslproto._SSLProtocolTransport}: the plain-bytes transport an application protocol
 * sees over TLS. Writes are encrypted by the {@link SslProtocol} underneath; {@link #close()} sends
 * {@code close_notify}; there is no half-close ({@link #writeEof()} is not supported).
 */
final class SslTransport implements Transport {
    private final SslProtocol ssl;
    boolean closed;

    SslTransport(SslProtocol ssl) {
        this.ssl = ssl;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return ssl.getExtraInfo(name, defaultValue);
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ssl.startShutdown();
        }
    }

    @Override
    public void abort() {
        closed = true;
        ssl.abort(null);
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        ssl.setApp(protocol);
    }

    @Override
    public BaseProtocol getProtocol() {
        return ssl.app();
    }

    @Override
    public boolean isReading() {
        return !ssl.appReadingPaused;
    }

    @Override
    public void pauseReading() {
        ssl.pauseReading();
    }

    @Override
    public void resumeReading() {
        ssl.resumeReading();
    }

    @Override
    public void setWriteBufferLimits(Long high, Long low) {
        ssl.setWriteBufferLimits(high, low);
    }

    @Override
    public long getWriteBufferSize() {
        return ssl.writeBufferSize();
    }

    @Override
    public WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(ssl.lowWater, ssl.highWater);
    }

    @Override
    public void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    @Override
    public void write(ByteBuffer data) {
        if (!data.hasRemaining()) {
            return;
        }
        ssl.writeAppData(data);
    }

    @Override
    public void writelines(List<byte[]> data) {
        for (byte[] d : data) {
            write(d);
        }
    }

    /** TLS cannot half-close: raises {@link UnsupportedOperationException} (Python's NotImplementedError). */
    @Override
    public void writeEof() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public String toString() {
        return "<SslTransport " + (closed ? "closed " : "") + ssl + ">";
    }
}
