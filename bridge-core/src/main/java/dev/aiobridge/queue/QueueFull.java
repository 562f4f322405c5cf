package dev.aiobridge.queue;

/** Raised by {@link Queue#putNowait} when the queue is full (asyncio's {@code QueueFull}). */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error, without a message (as asyncio raises it). */
    public QueueFull() {
        super();
    }
}
