package dev.aiobridge.queue;

/** Raised by {@link Queue#getNowait()} when the queue is empty (asyncio's {@code QueueEmpty}). */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error, without a message (as asyncio raises it). */
    public QueueEmpty() {
        super();
    }
}
